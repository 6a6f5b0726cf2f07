// Friendly names over the types generated from spec/openapi.yaml (src/generated/openapi.ts).
import type { components, operations, paths } from './generated/openapi.js'

export type { components, operations, paths }

type Schemas = components['schemas']

/** The operationIds of the API, e.g. `'getWebhook'`. */
export type OperationId = keyof operations

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
