// What each operation does to the in-memory state: the part of the mock that behaves like flexEngage.
import {
  DELIVERY_HEADERS,
  delivery,
  endpointProblem,
  type QueryOf,
  sameEventTypes,
  type Webhook,
  type WebhookEvent,
  type WebhookEventAttempt,
  type WebhookPatchRequest,
  type WebhookRequest,
  windowProblem,
} from '@flexengage/webhooks-types'
import { apiError, unprocessable } from './api-errors.js'
import type { IdsAndClock } from './deterministic.js'
import { attemptStarted } from './event-lifecycle.js'
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
  body: apiError(404, 'NOT FOUND', description),
})
const webhookNotFound = (request: OperationRequest) =>
  notFound(`A webhook with ID: ${request.params.id} for brandId: ${request.brandId} was not found`)
const refused = (validations: Record<string, string>): MockReply => ({
  status: 422,
  rejectsRequest: true,
  body: unprocessable(validations),
})

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

/** The first position whose event was created at or after `time` (events are stored in creation order). */
function firstCreatedAtOrAfter(events: readonly EventRecord[], time: number): number {
  let low = 0
  let high = events.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (Date.parse((events[middle] as EventRecord).created) < time) low = middle + 1
    else high = middle
  }
  return low
}

type Behaviour = (
  request: OperationRequest,
  store: MockStore,
  ids: IdsAndClock,
  options: BehaviourOptions,
) => MockReply

function createWebhook(
  request: OperationRequest,
  store: MockStore,
  ids: IdsAndClock,
  options: BehaviourOptions,
): MockReply {
  // Validated, defaults applied: every field the spec allows is stored and returned as sent.
  const input = request.body as WebhookRequest
  const { urlField } = delivery.subscription
  const url = (input as unknown as Record<string, string>)[urlField] as string
  const problem = endpointProblem(url, { allowHttpLoopback: options.allowHttpLoopbackEndpoints })
  if (problem) return refused({ [urlField]: `${urlField} ${problem}` })
  const duplicate = store
    .webhooks(request.brandId)
    .find((w) => w.endpoint === input.endpoint && sameEventTypes(w.events, input.events))
  if (duplicate) {
    const description = `A webhook for endpoint: ${input.endpoint} and eventTypes: ${JSON.stringify(input.events)} already exists`
    return { status: 409, body: apiError(409, 'CONFLICT', description) }
  }
  const now = ids.now().toISOString()
  const webhook = { ...input, id: ids.uuid(), created: now, updated: now } as Webhook
  store.putWebhook(request.brandId, webhook)
  const location = `${request.origin}/v1/${encodeURIComponent(request.brandId)}/webhooks/${webhook.id}`
  return { status: 201, body: webhook, headers: { Location: location } }
}

function listWebhookEvents(
  request: OperationRequest,
  store: MockStore,
  _ids: IdsAndClock,
  options: BehaviourOptions,
) {
  const webhookId = request.params.id as string
  if (!store.findWebhook(request.brandId, webhookId)) return webhookNotFound(request)
  // The spec's parameter names, typed: a renamed parameter fails to compile here.
  const { size = DEFAULT_PAGE_SIZE, start, end, startId } = request.query as QueryOf<'listWebhookEvents'>
  if (size > options.maxPageSize) return refused({ size: `size must be at most ${options.maxPageSize}` })
  const window = windowProblem(start, end)
  if (window) return refused({ start: `start ${window}` })
  // start is inclusive, end exclusive.
  const events = store.events(request.brandId, webhookId)
  const from = start === undefined ? 0 : firstCreatedAtOrAfter(events, Date.parse(start))
  const until = end === undefined ? events.length : firstCreatedAtOrAfter(events, Date.parse(end))
  let offset = from
  if (startId !== undefined) {
    const index = store.eventIndex(request.brandId, webhookId, startId)
    offset = index === undefined ? until : Math.max(from, options.startIdInclusive ? index : index + 1)
  }
  const page = events.slice(offset, Math.min(offset + size, until))
  const first = startId ?? page[0]?.id
  const last = page.at(-1)?.id
  const pageInfo = { size, ...(first ? { startId: first } : {}), ...(last ? { lastId: last } : {}) }
  return { status: 200, body: { events: page.map(summarize), page: pageInfo } }
}

function retryWebhookEvent(
  request: OperationRequest,
  store: MockStore,
  ids: IdsAndClock,
  options: BehaviourOptions,
) {
  const webhook = store.findWebhook(request.brandId, request.params.id as string)
  const event = webhook && store.findEvent(request.brandId, webhook.id, request.params.eventId as string)
  if (!webhook || !event) return notFound('No event with that ID was found')
  const attempt = {
    id: ids.uuid(),
    created: ids.now().toISOString(),
    request: { endpoint: webhook.endpoint, headers: { ...DELIVERY_HEADERS } },
  }
  const retried = attemptStarted(event, attempt)
  store.putEvent(request.brandId, webhook.id, retried)
  options.onRetry?.({
    brandId: request.brandId,
    webhook,
    event: retried,
    attempt: retried.attempts.at(-1) as WebhookEventAttempt,
  })
  return { status: 202 }
}

/**
 * The stateful behaviours. An operation without one answers with the spec's documented success
 * example (see respond.ts), so a new operation of the spec works, and builds, before it gets one.
 */
export const behaviours: Partial<Record<OperationId, Behaviour>> = {
  createWebhook,
  listWebhookEvents,
  retryWebhookEvent,

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
    // The spec's PATCH body admits `enabled` only (validated before this runs): nothing else applies.
    const updated = { ...webhook, ...(request.body as WebhookPatchRequest), updated: ids.now().toISOString() }
    store.putWebhook(request.brandId, updated)
    return { status: 200, body: updated }
  },

  deleteWebhook(request, store) {
    return store.deleteWebhook(request.brandId, request.params.id as string)
      ? { status: 204 }
      : webhookNotFound(request)
  },

  getWebhookEvent(request, store) {
    const event = store.findEvent(
      request.brandId,
      request.params.id as string,
      request.params.eventId as string,
    )
    return event ? { status: 200, body: detail(event) } : notFound('No event with that ID was found')
  },
}
