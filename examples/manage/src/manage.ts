// Managing a brand's webhooks from code, as a deploy step or an operator's script would: make sure
// the subscription exists and is enabled (idempotent), see which events failed, and re-send them.
import { type FlexEngageWebhooks, isFailedEvent } from '@flexengage/webhooks'

export interface Subscription {
  endpoint: string
  events: string[]
}

/** Creates the webhook, enables it if it was disabled, or leaves it: safe to run on every deploy. */
export async function ensureSubscription(fe: FlexEngageWebhooks, subscription: Subscription) {
  const { webhook, action } = await fe.webhooks.ensure(subscription)
  return { id: webhook.id, action }
}

/** The events of a webhook since a moment that were not delivered (every page, lazily fetched). */
export async function failedEventsSince(fe: FlexEngageWebhooks, webhookId: string, since: Date) {
  const failed = []
  for await (const event of fe.webhooks.events.list(webhookId, {
    start: since.toISOString(),
    pageSize: 100,
  })) {
    if (isFailedEvent(event)) failed.push({ id: event.id, type: event.type, status: event.status })
  }
  return failed
}

/** Re-sends every failed event since a moment, four at a time, and says what happened to each. */
export async function resendFailedSince(fe: FlexEngageWebhooks, webhookId: string, since: Date) {
  const report = await fe.webhooks.events.retryFailed(webhookId, { since, concurrency: 4 })
  return { resent: report.retriedEventIds, failures: report.failures }
}
