// Friendly names over the types generated from spec/openapi.yaml (src/generated/openapi.ts).
import type { components, operations, paths } from './generated/openapi.js'

export {
  DELIVERY_HEADERS,
  DELIVERY_USER_AGENT,
  type DeliveryEvent,
  type EventEnvelope,
  type EventsOf,
  isListedEvent,
  isListedEventType,
  KEY_URL_HEADER,
  type ListedEventGroup,
  type ListedEventKey,
  type ListedEventType,
  SIGNATURE_HEADER,
  type UnlistedEvent,
  type VerifiedEvent,
} from './delivery.js'
export { isValidEventType, matchesEventType, sameEventTypes, subscriptionsCovering } from './event-types.js'
export { isDateTime, type SpecFormat, specFormats } from './formats.js'
export {
  delivery,
  deliveryExamples,
  type EventDataByType,
  listedEventTypes,
  serverUrls,
} from './generated/delivery.js'
export { eventDataValidators, validateEnvelope } from './generated/delivery-validation.js'
export type { ValidationError, Validator } from './generated/delivery-validators.js'
export { operationTable, routeOrder, specSchemas } from './generated/operation-table.js'
export { requestValidators } from './generated/request-validation.js'
export { isLoopbackHost } from './loopback.js'
export { endpointProblem, windowProblem } from './prose-rules.js'
export { sleep } from './sleep.js'
export {
  describeViolations,
  type FieldProblem,
  type FieldRoot,
  fieldProblems,
  REQUEST_ROOT,
  validationsOf,
} from './validation.js'
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

/** A dot-separated, hierarchical event type name (or group of them), as the spec's `EventType` says. */
export type EventType = Schemas['EventType']

/**
 * The delivery statuses this toolkit knows: `SUCCESS` is the one the reference shows; the mock and the
 * sandbox also write `PENDING` (an attempt under way or due) and `FAILURE` (no retry left).
 */
export const DELIVERY_STATUS = { delivered: 'SUCCESS', pending: 'PENDING', failed: 'FAILURE' } as const

/**
 * Delivery status of an event or attempt. The set is open: known values autocomplete, and any
 * other string a server sends is still accepted.
 */
export type DeliveryStatus = (typeof DELIVERY_STATUS)[keyof typeof DELIVERY_STATUS] | (string & {})
