// Shape checks on 2xx bodies, then the generated FromJSON mappers (ISO strings -> Date).
import {
  type WebhookEventResponse,
  WebhookEventResponseFromJSON,
  type WebhookEventsResponsePage,
  WebhookEventsResponsePageFromJSON,
  type WebhookResponse,
  WebhookResponseFromJSON,
} from '@flexengage/webhooks-fetch-client'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`expected ${what}`)
}

export function parseWebhook(json: unknown): WebhookResponse {
  expect(
    isObject(json) && typeof json.id === 'string' && Array.isArray(json.events),
    'a webhook object with id and events',
  )
  return WebhookResponseFromJSON(json)
}

export function parseWebhookList(json: unknown): WebhookResponse[] {
  expect(Array.isArray(json), 'an array of webhooks')
  return (json as unknown[]).map(parseWebhook)
}

export function parseEventsPage(json: unknown): WebhookEventsResponsePage {
  expect(
    isObject(json) && Array.isArray(json.events) && isObject(json.page),
    'an events page with events and page',
  )
  return WebhookEventsResponsePageFromJSON(json)
}

export function parseEventDetail(json: unknown): WebhookEventResponse {
  expect(
    isObject(json) && typeof json.id === 'string' && Array.isArray(json.attempts),
    'an event with attempts',
  )
  return WebhookEventResponseFromJSON(json)
}

export const parseNothing = (): undefined => undefined
