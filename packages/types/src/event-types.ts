// The event type hierarchy, one home for its rules: the client, the receiver's routing, the mock and
// the sandbox's fan-out all read them from here.
import { specSchemas } from './generated/operation-table.js'

// Compiled on first use: a module-level `new RegExp` would keep the spec's tables in every bundle.
let eventTypePattern: RegExp | undefined

/** A dot-separated, upper-case, hierarchical event type or group (the spec's `EventType` pattern). */
export function isValidEventType(value: unknown): value is string {
  eventTypePattern ??= new RegExp(specSchemas.EventType.pattern)
  return typeof value === 'string' && eventTypePattern.test(value)
}

/**
 * The subscriptions that cover an event type, most specific first: the type itself, each shorter
 * group, then `'*'`. `A.B.C` -> `A.B.C`, `A.B`, `A`, `*`.
 */
export function subscriptionsCovering(eventType: string): string[] {
  const segments = eventType.split('.')
  return [...segments.map((_, index) => segments.slice(0, segments.length - index).join('.')), '*']
}

/** True when a subscription to `subscribed` (a type, a group, or `'*'`) covers `eventType`. */
export function matchesEventType(subscribed: string, eventType: string): boolean {
  return subscribed === '*' || eventType === subscribed || eventType.startsWith(`${subscribed}.`)
}

/**
 * True when two subscriptions list the same event types, in any order: flexEngage refuses a second
 * webhook with the same endpoint and the same event types (409).
 */
export function sameEventTypes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n')
}
