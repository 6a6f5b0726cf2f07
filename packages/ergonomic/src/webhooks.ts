// fe.webhooks: create, list, get, update/enable/disable, delete, ensure.
import type { WebhookResponse } from '@flexengage/webhooks-fetch-client'
import { type APIPromise, apiPromise } from './api-promise.js'
import { ConflictError, NotFoundError } from './errors.js'
import { sameEventTypes } from './event-types.js'
import { WebhookEvents } from './events.js'
import { parseWebhook, parseWebhookList } from './parse.js'
import type { RequestOptions, Transport, WithResponse } from './transport.js'
import { requireBoolean, requireEndpoint, requireEventTypes, requireUuid } from './validate.js'

export type Webhook = WebhookResponse

export interface CreateWebhookInput {
  endpoint: string
  /** Event types or groups; `NOTIFICATION.SMS` covers every type under it. */
  events: string[]
  /** Default true. */
  enabled?: boolean
}

export interface EnsureResult {
  webhook: Webhook
  action: 'created' | 'enabled' | 'unchanged'
}

export class Webhooks {
  readonly events: WebhookEvents

  constructor(
    private readonly transport: Transport,
    private readonly brandId: string,
  ) {
    this.events = new WebhookEvents(transport, brandId)
  }

  /**
   * Creates a webhook. Retried after 429/5xx/network failures: the API refuses a duplicate (same
   * endpoint, same event types) with 409, so a re-sent create that meets 409 resolves to the webhook
   * its earlier attempt made. A 409 on the first attempt is a ConflictError.
   */
  create(input: CreateWebhookInput, options?: RequestOptions): APIPromise<Webhook> {
    return apiPromise(async () => {
      const endpoint = requireEndpoint(input?.endpoint)
      const events = requireEventTypes(input?.events)
      const enabled = input.enabled === undefined ? true : requireBoolean('enabled', input.enabled)
      const progress = { attempts: 0 }
      try {
        return await this.transport.request(
          {
            operation: 'createWebhook',
            retryable: true,
            progress,
            call: (api) =>
              api.createWebhookRaw({ brandId: this.brandId, webhookRequest: { endpoint, events, enabled } }),
            parse: parseWebhook,
          },
          options,
        )
      } catch (error) {
        if (!(error instanceof ConflictError) || progress.attempts < 2) throw error
        const existing = await this.#find(endpoint, events, options)
        if (!existing) throw error
        return existing
      }
    })
  }

  /** Every webhook of the brand; `[]` when the API answers 404 "no webhooks". */
  list(options?: RequestOptions): APIPromise<Webhook[]> {
    return apiPromise(() => this.#list(options))
  }

  get(id: string, options?: RequestOptions): APIPromise<Webhook> {
    return apiPromise(async () => {
      const webhookId = requireUuid('id', id)
      return this.transport.request(
        {
          operation: 'getWebhook',
          retryable: true,
          call: (api) => api.getWebhookRaw({ brandId: this.brandId, id: webhookId }),
          parse: parseWebhook,
        },
        options,
      )
    })
  }

  /** Returns the webhook whether the API answers 200 with it or 204 without a body. */
  update(id: string, patch: { enabled: boolean }, options?: RequestOptions): APIPromise<Webhook> {
    return apiPromise(async () => {
      const webhookId = requireUuid('id', id)
      const enabled = requireBoolean('enabled', patch?.enabled)
      const result = await this.transport.request(
        {
          operation: 'updateWebhook',
          retryable: true,
          call: (api) =>
            api.updateWebhookRaw({ brandId: this.brandId, id: webhookId, webhookPatchRequest: { enabled } }),
          parse: (json, status) => (status === 204 ? undefined : parseWebhook(json)),
        },
        options,
      )
      if (result.data !== undefined) return result as WithResponse<Webhook>
      return this.get(webhookId, options).withResponse()
    })
  }

  enable(id: string, options?: RequestOptions): APIPromise<Webhook> {
    return this.update(id, { enabled: true }, options)
  }

  disable(id: string, options?: RequestOptions): APIPromise<Webhook> {
    return this.update(id, { enabled: false }, options)
  }

  delete(id: string, options?: RequestOptions): APIPromise<void> {
    return apiPromise(async () => {
      const webhookId = requireUuid('id', id)
      return this.transport.request(
        {
          operation: 'deleteWebhook',
          retryable: true,
          call: (api) => api.deleteWebhookRaw({ brandId: this.brandId, id: webhookId }),
          parse: () => undefined,
        },
        options,
      )
    })
  }

  /** Idempotent: finds the webhook with this endpoint and these event types (enabling it), or creates it. */
  async ensure(input: CreateWebhookInput, options?: RequestOptions): Promise<EnsureResult> {
    const endpoint = requireEndpoint(input?.endpoint)
    const events = requireEventTypes(input?.events)
    const existing = (await this.#find(endpoint, events, options))?.data
    if (existing) {
      if (existing.enabled) return { webhook: existing, action: 'unchanged' }
      return { webhook: await this.enable(existing.id, options), action: 'enabled' }
    }
    try {
      return { webhook: await this.create({ endpoint, events }, options), action: 'created' }
    } catch (error) {
      // Someone created it between our list and our create.
      const raced =
        error instanceof ConflictError ? (await this.#find(endpoint, events, options))?.data : undefined
      if (!raced) throw error
      return raced.enabled
        ? { webhook: raced, action: 'unchanged' }
        : { webhook: await this.enable(raced.id, options), action: 'enabled' }
    }
  }

  async #list(options?: RequestOptions): Promise<WithResponse<Webhook[]>> {
    try {
      return await this.transport.request(
        {
          operation: 'listWebhooks',
          retryable: true,
          call: (api) => api.listWebhooksRaw({ brandId: this.brandId }),
          parse: parseWebhookList,
        },
        options,
      )
    } catch (error) {
      if (error instanceof NotFoundError)
        return { data: [], response: { status: 404, headers: error.headers, url: error.url } }
      throw error
    }
  }

  async #find(
    endpoint: string,
    events: string[],
    options?: RequestOptions,
  ): Promise<WithResponse<Webhook> | undefined> {
    const { data, response } = await this.#list(options)
    const match = data.find((w) => w.endpoint === endpoint && sameEventTypes(w.events, events))
    return match ? { data: match, response } : undefined
  }
}
