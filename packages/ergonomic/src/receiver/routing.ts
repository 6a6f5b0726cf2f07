// Hierarchical routing, typed by the spec: a handler for a group gets every type under it; the most
// specific one wins. Listed types route through `on`, types the spec does not list through `unlisted`.
import {
  type EventsOf,
  isListedEventType,
  type ListedEventKey,
  type ListedEventType,
  subscriptionsCovering,
  type UnlistedEvent,
  type VerifiedEvent,
} from '@flexengage/webhooks-types'

export interface HandlerContext {
  eventId: string
  /** Unique per delivery attempt: a redelivery of the same event has a new one. */
  attemptId: string
}

/** Runs once per event (redeliveries are deduplicated); a throw answers 500, so flexEngage retries. */
export type Handler<E> = (event: E, context: HandlerContext) => unknown

/**
 * Handlers of the event types the spec lists, by type, by group (`NOTIFICATION` covers every listed
 * type under it) or `'*'` (every listed type). Each handler gets exactly the events it covers, typed
 * by the spec: checking `event.type` narrows `event.data`. A key that is neither a listed type nor a
 * group of them does not compile; subscribe to types the spec does not list with `unlisted`.
 */
export type EventHandlers = { [K in ListedEventKey]?: Handler<EventsOf<K>> }

/**
 * Handlers of event types the spec does not list (yet), by type, by group or `'*'`: flexEngage adds
 * event types before this package describes them. Their `data` is an object of unknown shape. A
 * listed type does not compile here (handle it in `on`, typed), so the day an upgrade lists a type
 * you handle here, the compiler says so instead of the handler silently going quiet.
 */
export type UnlistedEventHandlers = { [K in ListedEventType]?: never } & {
  [typeOrGroup: string]: Handler<UnlistedEvent> | undefined
}

type AnyHandlers = Readonly<Record<string, Handler<VerifiedEvent> | undefined>>

/** The handler for an event: its type, then each shorter group, then `'*'`, in `on` or `unlisted`. */
export function findHandler(
  on: EventHandlers,
  unlisted: UnlistedEventHandlers | undefined,
  type: string,
): Handler<VerifiedEvent> | undefined {
  const handlers = (isListedEventType(type) ? on : unlisted) as AnyHandlers | undefined
  if (!handlers) return undefined
  for (const key of subscriptionsCovering(type)) {
    const handler = handlers[key]
    if (handler) return handler
  }
  return undefined
}
