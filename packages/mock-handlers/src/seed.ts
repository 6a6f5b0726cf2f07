// Seeding state directly, for tests and benches: webhooks as a create would store them, events as the
// lifecycle makes them (their data checked against the type's payload schema).
import {
  DELIVERY_HEADERS,
  type Webhook,
  type WebhookEventAttempt,
  type WebhookRequest,
} from '@flexengage/webhooks-types'
import type { IdsAndClock } from './deterministic.js'
import { checkEventData, defaultEventData } from './event-data.js'
import { newEvent } from './event-lifecycle.js'
import type { EventRecord, MockStore } from './store.js'

/** The spec's create request (every field it declares), plus the server-owned id and time if wanted. */
export type SeedWebhookInput = WebhookRequest & { id?: string; created?: string }

export interface SeedEventInput {
  type: string
  status?: string
  id?: string
  created?: string
  /**
   * Checked against the type's payload schema when the spec lists the type (InvalidEventDataError).
   * Default: the spec's example data for a listed type, `{}` for another.
   */
  data?: unknown
  /** Seed data that breaks the payload schema anyway, to test how a receiver copes. */
  allowInvalidData?: boolean
  attempts?: Array<Partial<WebhookEventAttempt> & { status: string }>
}

export function seedWebhook(
  store: MockStore,
  ids: IdsAndClock,
  brandId: string,
  input: SeedWebhookInput,
): Webhook {
  const created = input.created ?? ids.now().toISOString()
  const webhook = {
    ...input,
    id: input.id ?? ids.uuid(),
    created,
    updated: created,
    events: [...input.events],
    enabled: input.enabled ?? true,
  } as Webhook
  store.putWebhook(brandId, webhook)
  return webhook
}

export function seedEvent(
  store: MockStore,
  ids: IdsAndClock,
  brandId: string,
  webhookId: string,
  input: SeedEventInput,
): EventRecord {
  const webhook = store.findWebhook(brandId, webhookId)
  if (!webhook)
    throw new Error(`seedEvent: brand ${brandId} has no webhook ${webhookId}; seed the webhook first`)
  const data = input.data === undefined ? defaultEventData(input.type) : input.data
  checkEventData(input.type, data, input.allowInvalidData)
  const created = input.created ?? ids.now().toISOString()
  const attempts = (input.attempts ?? []).map((attempt) => ({
    id: ids.uuid(),
    created,
    request: { endpoint: webhook.endpoint, headers: { ...DELIVERY_HEADERS } },
    ...attempt,
  }))
  const event = newEvent({
    id: input.id ?? ids.uuid(),
    type: input.type,
    created,
    data,
    attempts,
    ...(input.status === undefined ? {} : { status: input.status }),
  })
  store.putEvent(brandId, webhookId, event)
  return event
}
