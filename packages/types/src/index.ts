// Friendly names over the types generated from spec/openapi.yaml (src/generated/openapi.ts).
import type { components, operations, paths } from './generated/openapi.js'

export { DELIVERY_HEADERS, DELIVERY_USER_AGENT, KEY_URL_HEADER, SIGNATURE_HEADER } from './delivery.js'
export { sameEventTypes } from './event-types.js'
export { isDateTime, type SpecFormat, specFormats } from './formats.js'
export { eventExamples, operationTable, routeOrder, specSchemas } from './generated/operation-table.js'
export { isLoopbackHost } from './loopback.js'
export { sleep } from './sleep.js'
export type { components, operations, paths }

type Schemas = components['schemas']

/** The operationIds of the API, e.g. `'getWebhook'`. */
export type OperationId = keyof operations

type Responses<Op extends OperationId> = operations[Op]['responses']

/** The statuses an operation declares, e.g. `200 | 401 | 403 | 404 | 429 | 500`. */
export type StatusOf<Op extends OperationId> = keyof Responses<Op> & number

/** The JSON body an operation answers with for a status (`undefined` when it declares none). */
export type ResponseBodyFor<Op extends OperationId, S extends StatusOf<Op>> = Responses<Op>[S] extends {
  content: { 'application/json': infer Body }
}
  ? Body
  : undefined

/** Any body an operation may answer with. */
export type ResponseBodyOf<Op extends OperationId> = {
  [S in StatusOf<Op>]: ResponseBodyFor<Op, S>
}[StatusOf<Op>]

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206

/** What an operation answers on success: the union of its 2xx bodies (`undefined` for no content). */
export type SuccessBodyOf<Op extends OperationId> = {
  [S in Extract<StatusOf<Op>, SuccessStatus>]: ResponseBodyFor<Op, S>
}[Extract<StatusOf<Op>, SuccessStatus>]

/** The JSON request body of an operation (`never` when it takes none). */
export type RequestBodyOf<Op extends OperationId> = [NonNullable<operations[Op]['requestBody']>] extends [
  never,
]
  ? never
  : NonNullable<operations[Op]['requestBody']> extends { content: { 'application/json': infer Body } }
    ? Body
    : never

/** The path parameters of an operation, by their spec names. */
export type PathParamsOf<Op extends OperationId> = operations[Op]['parameters']['path']

/** The query parameters of an operation, by their spec names (`never` when it takes none). */
export type QueryOf<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>

export type Webhook = Schemas['WebhookResponse']
export type WebhookRequest = Schemas['WebhookRequest']
export type WebhookPatchRequest = Schemas['WebhookPatchRequest']
/** One event in a webhook's event list. */
export type WebhookEvent = Schemas['WebhookEventSummary']
/** An event with its delivery attempts. */
export type WebhookEventDetail = Schemas['WebhookEventResponse']
export type WebhookEventAttempt = Schemas['WebhookEventAttempt']
export type WebhookEventsPage = Schemas['WebhookEventsResponsePage']
export type APIErrorResponse = Schemas['APIErrorResponse']
export type SmsReceiptData = Schemas['SmsReceiptData']

/** A dot-separated, hierarchical event type name such as `NOTIFICATION.SMS.RECEIPT`. */
export type EventType = Schemas['EventType']

/**
 * Delivery status of an event or attempt. The set is open: known values autocomplete, and any
 * other string a server sends is still accepted.
 */
export type DeliveryStatus = 'SUCCESS' | 'PENDING' | 'FAILURE' | (string & {})

/** The `data` payload of each event type whose shape is documented. */
export interface EventDataByType {
  'NOTIFICATION.SMS.RECEIPT': SmsReceiptData
}

export type KnownEventType = keyof EventDataByType

/** What flexEngage POSTs to a webhook endpoint; `data` is typed by `type`, unknown types get `unknown`. */
export type EventEnvelope<T extends string = string> = Omit<Schemas['EventEnvelope'], 'type' | 'data'> & {
  type: T
  data: T extends KnownEventType ? EventDataByType[T] : unknown
}
