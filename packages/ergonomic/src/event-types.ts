const EVENT_TYPE = /^[A-Z0-9_]+(\.[A-Z0-9_]+)*$/

/** A dot-separated, upper-case, hierarchical event type or group, e.g. `NOTIFICATION.SMS.RECEIPT`. */
export function isValidEventType(value: unknown): value is string {
  return typeof value === 'string' && EVENT_TYPE.test(value)
}

/** True when a subscription to `subscribed` (a type or a group) covers `eventType`. `'*'` covers all. */
export function matchesEventType(subscribed: string, eventType: string): boolean {
  return subscribed === '*' || eventType === subscribed || eventType.startsWith(`${subscribed}.`)
}

/** True when two subscriptions list the same event types, in any order. */
export function sameEventTypes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n')
}
