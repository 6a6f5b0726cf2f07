// fe.webhooks: create, list, get, update/enable/disable, delete, ensure. Inputs are the spec's request
// types; results are the spec's response types, every field passed through.
import {
  type OperationId,
  sameEventTypes,
  type Webhook,
  type WebhookPatchRequest,
  type WebhookRequest,
} from '@flexengage/webhooks-types'
import { type APIPromise, apiPromise } from './api-promise.js'
import { type OperationCaller, unwrap } from './caller.js'
import {
  type APIError,
  ConflictError,
  type FlexEngageError,
  InvalidArgumentError,
  mayHaveActed,
  NotFoundError,
  OutcomeUnknownError,
  ResponseFormatError,
} from './errors.js'
import { WebhookEvents } from './events.js'
import type { RequestOptions, WithResponse } from './request.js'
import type { CallOutcome } from './transport.js'

export type { Webhook }

/** The spec's `WebhookRequest`: every field it declares is sent; `enabled` defaults as the spec says. */
export type CreateWebhookInput = WebhookRequest

export interface EnsureResult {
  webhook: Webhook
  action: 'created' | 'enabled' | 'unchanged'
}

function requireObject(name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(name, 'must be an object')
  }
  return value as Record<string, unknown>
}

const responseOf = (error: APIError) => ({ status: error.status, headers: error.headers, url: error.url })

/** Whether a failed create may still have made the webhook. */
function createMayHaveHappened({
  error,
  mayHaveActed: acted,
}: CallOutcome<unknown> & { ok: false }): boolean {
  // A 409 is the webhook an earlier attempt made, if one may have acted; any other failure may have
  // made it if its answer was lost.
  return error instanceof ConflictError ? acted.earlier : acted.any && mayHaveActed(error)
}

export class Webhooks {
  readonly events: WebhookEvents

  constructor(private readonly caller: OperationCaller) {
    this.events = new WebhookEvents(caller)
  }

  /**
   * Creates a webhook. Retried after 429/5xx/network failures: the API refuses a duplicate (same
   * endpoint, same event types) with 409, so a re-sent create that meets 409 resolves to the webhook
   * an earlier attempt made, and a create whose answer was lost or malformed resolves to the webhook
   * the server made. A 409 when no earlier attempt can have acted is a ConflictError; when looking for
   * the webhook fails too, an OutcomeUnknownError says it may exist.
   */
  create(input: CreateWebhookInput, options?: RequestOptions): APIPromise<Webhook> {
    return apiPromise(async () => {
      const body = requireObject('input', input) as WebhookRequest
      const outcome = await this.caller.call<Webhook>('createWebhook', { body }, options, {
        idempotent: true,
      })
      if (outcome.ok) return unwrap(outcome)
      if (!createMayHaveHappened(outcome)) throw outcome.error
      return this.#recoverCreated(body, outcome.error, options)
    })
  }

  /** The webhook a create whose answer went missing made: by its Location, else by endpoint and types. */
  async #recoverCreated(body: WebhookRequest, error: FlexEngageError, options?: RequestOptions) {
    let found: WithResponse<Webhook> | undefined
    try {
      const location = error instanceof ResponseFormatError ? error.headers.get('location') : null
      const createdId = location?.split('/').at(-1)
      if (createdId)
        found = await this.get(createdId, options)
          .withResponse()
          .catch(() => undefined)
      found ??= await this.#find(body.endpoint, body.events, options)
    } catch (lookupError) {
      throw new OutcomeUnknownError('createWebhook', error, { cause: lookupError })
    }
    if (found) return found
    throw error
  }

  /** Every webhook of the brand; `[]` when the API answers 404 "no webhooks". */
  list(options?: RequestOptions): APIPromise<Webhook[]> {
    return apiPromise(() => this.#list(options))
  }

  get(id: string, options?: RequestOptions): APIPromise<Webhook> {
    return apiPromise(() =>
      this.caller.callOrThrow<Webhook>('getWebhook', { path: { id } }, options, {
        argumentNames: { id: 'id' },
      }),
    )
  }

  /** Returns the webhook whether the API answers 200 with it or 204 without a body. */
  update(id: string, patch: WebhookPatchRequest, options?: RequestOptions): APIPromise<Webhook> {
    return apiPromise(async () => {
      // Setting an absolute value: sending it twice does what sending it once does.
      const result = await this.caller.callOrThrow<Webhook | undefined>(
        'updateWebhook',
        { path: { id }, body: patch },
        options,
        { argumentNames: { id: 'id', body: 'patch' }, idempotent: true },
      )
      if (result.data !== undefined) return result as WithResponse<Webhook>
      return this.get(id, options).withResponse()
    })
  }

  enable(id: string, options?: RequestOptions): APIPromise<Webhook> {
    return this.update(id, { enabled: true }, options)
  }

  disable(id: string, options?: RequestOptions): APIPromise<Webhook> {
    return this.update(id, { enabled: false }, options)
  }

  /**
   * Deletes a webhook. A retried delete that meets 404 after an earlier attempt may have deleted it
   * resolves; so does a delete whose answer was lost when the webhook is then found gone. When that
   * check fails too, an OutcomeUnknownError says it may be gone.
   */
  delete(id: string, options?: RequestOptions): APIPromise<void> {
    return apiPromise(async () => {
      const outcome = await this.caller.call<void>('deleteWebhook', { path: { id } }, options, {
        argumentNames: { id: 'id' },
      })
      if (outcome.ok) return unwrap(outcome)
      const { error, requestsSent } = outcome
      if (error instanceof NotFoundError && outcome.mayHaveActed.earlier) {
        return { data: undefined, response: responseOf(error), requestsSent }
      }
      if (!(outcome.mayHaveActed.any && mayHaveActed(error))) throw error
      const gone = await this.get(id, options).then(
        () => false,
        (lookup: unknown) => {
          if (lookup instanceof NotFoundError) return true
          throw new OutcomeUnknownError('deleteWebhook', error, { cause: lookup })
        },
      )
      if (!gone) throw error
      return { data: undefined, response: { status: 404, headers: new Headers(), url: '' }, requestsSent }
    })
  }

  /** Idempotent: finds the webhook with this endpoint and these event types (enabling it), or creates it. */
  async ensure(input: CreateWebhookInput, options?: RequestOptions): Promise<EnsureResult> {
    const wanted = requireObject('input', input) as WebhookRequest
    // Checked like a create before anything is read.
    this.caller.check('createWebhook', { body: wanted })
    const existing = (await this.#find(wanted.endpoint, wanted.events, options))?.data
    if (existing) return this.#enabled(existing, options)
    try {
      return { webhook: await this.create(wanted, options), action: 'created' }
    } catch (error) {
      // Someone created it between our list and our create.
      const raced =
        error instanceof ConflictError
          ? (await this.#find(wanted.endpoint, wanted.events, options))?.data
          : undefined
      if (!raced) throw error
      return this.#enabled(raced, options)
    }
  }

  async #enabled(webhook: Webhook, options?: RequestOptions): Promise<EnsureResult> {
    if (webhook.enabled) return { webhook, action: 'unchanged' }
    return { webhook: await this.enable(webhook.id, options), action: 'enabled' }
  }

  async #list(options?: RequestOptions): Promise<WithResponse<Webhook[]>> {
    const outcome = await this.caller.call<Webhook[]>('listWebhooks', {}, options)
    if (!outcome.ok && outcome.error instanceof NotFoundError) {
      return { data: [], response: responseOf(outcome.error), requestsSent: outcome.requestsSent }
    }
    return unwrap(outcome)
  }

  async #find(
    endpoint: string,
    events: string[],
    options?: RequestOptions,
  ): Promise<WithResponse<Webhook> | undefined> {
    const { data, response, requestsSent } = await this.#list(options)
    const match = data.find((w) => w.endpoint === endpoint && sameEventTypes(w.events, events))
    return match ? { data: match, response, requestsSent } : undefined
  }
}

/** The operations the named methods above cover, for the coverage check. */
export const WEBHOOK_METHODS = {
  'webhooks.create': 'createWebhook',
  'webhooks.list': 'listWebhooks',
  'webhooks.get': 'getWebhook',
  'webhooks.update': 'updateWebhook',
  'webhooks.delete': 'deleteWebhook',
} as const satisfies Record<string, OperationId>
