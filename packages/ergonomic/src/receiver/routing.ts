// Hierarchical routing: a handler for a prefix gets every type under it; the most specific wins.
import type { EventDataByType, EventEnvelope, KnownEventType } from '@flexengage/webhooks-types'

export interface HandlerContext {
  eventId: string
  /** Unique per delivery attempt: a redelivery of the same event has a new one. */
  attemptId: string
}

// Method syntax makes the parameter bivariant, so specific handlers fit the prefix index signature.
export type Handler<E> = { bivarianceHack(envelope: E, context: HandlerContext): unknown }['bivarianceHack']

/** `on` map: exact known types get typed data; prefixes and `'*'` get the generic envelope. */
export type EventHandlers = { [K in KnownEventType]?: Handler<EventEnvelope<K>> } & {
  [typeOrPrefix: string]: Handler<EventEnvelope> | undefined
}

export type { EventDataByType }

/** The handler for a type: the type itself, then each shorter prefix, then `'*'`. */
export function findHandler(handlers: EventHandlers, type: string): Handler<EventEnvelope> | undefined {
  const segments = type.split('.')
  for (let length = segments.length; length > 0; length--) {
    const handler = handlers[segments.slice(0, length).join('.')]
    if (handler) return handler
  }
  return handlers['*']
}
