// The receiving side's names, derived from the generated delivery contract (generated/delivery.ts):
// the signer and the verifier (`@flexengage/webhooks/receiver`), the sandbox and the mock read these.

import { delivery, type EventDataByType, listedEventTypes } from './generated/delivery.js'
import type { components } from './generated/openapi.js'

/** The header carrying the delivery's signature: Base64 RSA SHA-256 over the raw body bytes. */
export const SIGNATURE_HEADER = delivery.headerNames.deliverySignature
/** The header naming the HTTPS URI of the PEM public key that verifies the signature. */
export const KEY_URL_HEADER = delivery.headerNames.deliveryKeyUrl
/** The headers every delivery carries besides the signature pair, as the attempt records show them. */
export const DELIVERY_HEADERS = delivery.fixedHeaders
/** The `User-Agent` of every delivery. */
export const DELIVERY_USER_AGENT = delivery.fixedHeaders['User-Agent']

/** What every delivery carries, whatever its type (`data` is an object). */
export type EventEnvelope = components['schemas']['EventEnvelope']

/** An event type the spec lists, e.g. its delivery body's discriminator names. */
export type ListedEventType = keyof EventDataByType

/**
 * A delivery of a listed event type, `data` typed by `type`. `DeliveryEvent` alone is the union of
 * every listed type: checking `event.type` narrows `event.data`.
 */
export type DeliveryEvent<T extends ListedEventType = ListedEventType> = T extends ListedEventType
  ? Omit<EventEnvelope, 'type' | 'data'> & { type: T; data: EventDataByType[T] }
  : never

/**
 * A delivery of a type the spec does not list (yet): flexEngage adds event types, and a receiver
 * acknowledges them rather than fail them. Its `data` is an object of unknown shape.
 */
export type UnlistedEvent = Omit<EventEnvelope, 'type'> & { type: string }

/**
 * A verified delivery: a listed event or an unlisted one. `isListedEvent(event)` narrows it to
 * `DeliveryEvent` (a `string`-typed `type` cannot be told apart from a listed one by `===` alone).
 */
export type VerifiedEvent = DeliveryEvent | UnlistedEvent

/** Every proper dot-prefix of a type: `A.B.C` -> `A` | `A.B`. */
type GroupsOf<T extends string> = T extends `${infer Head}.${infer Rest}`
  ? Head | `${Head}.${GroupsOf<Rest>}`
  : never

/** A group of listed types: a subscription to `NOTIFICATION` covers every listed type under it. */
export type ListedEventGroup = GroupsOf<ListedEventType>

/** What a handler may be registered for: a listed type, a group of them, or `'*'` (every listed type). */
export type ListedEventKey = ListedEventType | ListedEventGroup | '*'

/** The listed events a subscription to `K` receives: the type itself, every type under a group, or all. */
export type EventsOf<K extends ListedEventKey> = K extends '*'
  ? DeliveryEvent
  : DeliveryEvent<Extract<ListedEventType, K | `${K}.${string}`>>

/** Whether the spec lists this event type. */
export const isListedEventType = (type: string): type is ListedEventType =>
  (listedEventTypes as readonly string[]).includes(type)

/** Whether a verified delivery is of a listed type; narrows it to `DeliveryEvent`. */
export const isListedEvent = (event: VerifiedEvent): event is DeliveryEvent => isListedEventType(event.type)
