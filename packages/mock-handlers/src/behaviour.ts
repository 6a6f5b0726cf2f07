// What each operation does to the in-memory state: the part of the mock that behaves like flexEngage.
import {
  DELIVERY_HEADERS,
  isLoopbackHost,
  type QueryOf,
  sameEventTypes,
  type Webhook,
  type WebhookEvent,
  type WebhookEventAttempt,
  type WebhookPatchRequest,
  type WebhookRequest,
} from '@flexengage/webhooks-types'
import type { IdsAndClock } from './deterministic.js'
import type { OperationId } from './routes.js'
import type { EventRecord, MockStore } from './store.js'

export interface MockReply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** A 422 refusing the request itself: allowed even where the spec declares no 422, as Prism does. */
  rejectsRequest?: true
}

export interface OperationRequest {
  brandId: string
  params: Record<string, string>
  query: Record<string, unknown>
  body: unknown
  /** scheme://host[:port] the request was sent to, for the Location header */
  origin: string
}

export interface RetryContext {
  brandId: string
  webhook: Webhook
  event: EventRecord
  attempt: WebhookEventAttempt
}

export interface BehaviourOptions {
  /** Accept `http://` endpoints whose host is loopback (the local sandbox). Default false: https only. */
  allowHttpLoopbackEndpoints: boolean
  /** Whether `startId` is included in the page it starts (default false: the page starts after it). */
  startIdInclusive: boolean
  /** Called after a retry recorded its new PENDING attempt, e.g. to really deliver it. */
  onRetry: ((context: RetryContext) => void) | undefined
  /** The largest `size` a page may ask for. */
  maxPageSize: number
}

export const DEFAULT_PAGE_SIZE = 20

const notFound = (description: string): MockReply => ({
  status: 404,
  body: { message: 'NOT FOUND', description, status: 404 },
})
const webhookNotFound = (request: OperationRequest) =>
  notFound(`A webhook with ID: ${request.params.id} for brandId: ${request.brandId} was not found`)
export const unprocessable = (validations: Record<string, string>): MockReply => ({
  status: 422,
  rejectsRequest: true,
  body: {
    message: 'UNPROCESSABLE ENTITY',
    description: 'There are errors in the request',
    status: 422,
    validations,
  },
})

function endpointProblem(endpoint: string, options: BehaviourOptions): string | undefined {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return 'endpoint must be an absolute https URL'
  }
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:' && options.allowHttpLoopbackEndpoints && isLoopbackHost(url.hostname)) {
    return undefined
  }
  return options.allowHttpLoopbackEndpoints
    ? 'endpoint must use https (http is accepted on loopback hosts only)'
    : 'endpoint must use https: flexEngage delivers to HTTPS endpoints only'
}

export function summarize(event: EventRecord): WebhookEvent {
  return {
    id: event.id,
    type: event.type,
    created: event.created,
    updated: event.updated,
    status: event.status,
  }
}

function detail(event: EventRecord) {
  const { data: _payload, ...apiView } = event
  return apiView
}

type Behaviour = (
  request: OperationRequest,
  store: MockStore,
  ids: IdsAndClock,
  options: BehaviourOptions,
) => MockReply

/**
 * The stateful behaviours. An operation without one answers with the spec's documented success
 * example (see mock.ts), so a new operation of the spec works, and builds, before it gets one.
 */
export const behaviours: Partial<Record<OperationId, Behaviour>> = {
  createWebhook(request, store, ids, options) {
    // Validated, defaults applied: every field the spec allows is stored and returned as sent.
    const input = request.body as WebhookRequest
    const problem = endpointProblem(input.endpoint, options)
    if (problem) return unprocessable({ endpoint: problem })
    const duplicate = store
      .webhooks(request.brandId)
      .find((w) => w.endpoint === input.endpoint && sameEventTypes(w.events, input.events))
    if (duplicate) {
      return {
        status: 409,
        body: {
          message: 'CONFLICT',
          description: `A webhook for endpoint: ${input.endpoint} and eventTypes: ${JSON.stringify(input.events)} already exists`,
          status: 409,
        },
      }
    }
    const now = ids.now().toISOString()
    const webhook = { ...input, id: ids.uuid(), created: now, updated: now } as Webhook
    store.saveWebhook(request.brandId, webhook)
    return {
      status: 201,
      body: webhook,
      headers: {
        Location: `${request.origin}/v1/${encodeURIComponent(request.brandId)}/webhooks/${webhook.id}`,
      },
    }
  },

  listWebhooks(request, store) {
    const webhooks = store.webhooks(request.brandId)
    return webhooks.length === 0
      ? notFound('No webhooks with that brand ID were found')
      : { status: 200, body: webhooks }
  },

  getWebhook(request, store) {
    const webhook = store.findWebhook(request.brandId, request.params.id as string)
    return webhook ? { status: 200, body: webhook } : webhookNotFound(request)
  },

  updateWebhook(request, store, ids) {
    const webhook = store.findWebhook(request.brandId, request.params.id as string)
    if (!webhook) return webhookNotFound(request)
    const updated = { ...webhook, ...(request.body as WebhookPatchRequest), updated: ids.now().toISOString() }
    store.saveWebhook(request.brandId, updated)
    return { status: 200, body: updated }
  },

  deleteWebhook(request, store) {
    return store.deleteWebhook(request.brandId, request.params.id as string)
      ? { status: 204 }
      : webhookNotFound(request)
  },

  listWebhookEvents(request, store, _ids, options) {
    if (!store.findWebhook(request.brandId, request.params.id as string)) return webhookNotFound(request)
    // The spec's parameter names, typed: a renamed parameter fails to compile here.
    const { size = DEFAULT_PAGE_SIZE, start, end, startId } = request.query as QueryOf<'listWebhookEvents'>
    if (size > options.maxPageSize)
      return unprocessable({ size: `size must be at most ${options.maxPageSize}` })
    const from = start === undefined ? Number.NEGATIVE_INFINITY : Date.parse(start)
    const until = end === undefined ? Number.POSITIVE_INFINITY : Date.parse(end)
    if (from > until) return unprocessable({ start: 'start must not be after end' })
    // start is inclusive, end exclusive.
    const inWindow = store.events(request.brandId, request.params.id as string).filter((event) => {
      const created = Date.parse(event.created)
      return created >= from && created < until
    })
    let offset = 0
    if (startId !== undefined) {
      const index = inWindow.findIndex((event) => event.id === startId)
      offset = index === -1 ? inWindow.length : options.startIdInclusive ? index : index + 1
    }
    const page = inWindow.slice(offset, offset + size)
    const first = startId ?? page[0]?.id
    const last = page.at(-1)?.id
    return {
      status: 200,
      body: {
        events: page.map(summarize),
        page: { size, ...(first ? { startId: first } : {}), ...(last ? { lastId: last } : {}) },
      },
    }
  },

  getWebhookEvent(request, store) {
    const event = store.findEvent(
      request.brandId,
      request.params.id as string,
      request.params.eventId as string,
    )
    return event ? { status: 200, body: detail(event) } : notFound('No event with that ID was found')
  },

  retryWebhookEvent(request, store, ids, options) {
    const webhook = store.findWebhook(request.brandId, request.params.id as string)
    const event = webhook && store.findEvent(request.brandId, webhook.id, request.params.eventId as string)
    if (!webhook || !event) return notFound('No event with that ID was found')
    const attempt: WebhookEventAttempt = {
      id: ids.uuid(),
      created: ids.now().toISOString(),
      status: 'PENDING',
      request: { endpoint: webhook.endpoint, headers: { ...DELIVERY_HEADERS } },
    }
    store.addAttempt(event, attempt)
    options.onRetry?.({ brandId: request.brandId, webhook, event, attempt })
    return { status: 202 }
  },
}
