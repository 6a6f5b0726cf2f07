import { specSchemas } from '@flexengage/webhooks-types'

export { sameEventTypes } from '@flexengage/webhooks-types'

/** The spec's `EventType` pattern. */
const EVENT_TYPE = new RegExp(specSchemas.EventType.pattern)

/** A dot-separated, upper-case, hierarchical event type or group, e.g. `NOTIFICATION.SMS.RECEIPT`. */
export function isValidEventType(value: unknown): value is string {
  return typeof value === 'string' && EVENT_TYPE.test(value)
}

/** True when a subscription to `subscribed` (a type or a group) covers `eventType`. `'*'` covers all. */
export function matchesEventType(subscribed: string, eventType: string): boolean {
  return subscribed === '*' || eventType === subscribed || eventType.startsWith(`${subscribed}.`)
}
