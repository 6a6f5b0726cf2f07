// The data every target answers from: the spec's example ids, so Prism (examples) and the mock agree.
import { DELIVERY_STATUS, listedEventTypes } from '@flexengage/webhooks-types'
export const BRAND = 'ACME'
export const WEBHOOK_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
export const EVENT_ID = '497f6eca-6276-4993-bfeb-53cbbbba6f08'

export function seedBenchData(mock) {
  mock.seedWebhook(BRAND, {
    id: WEBHOOK_ID,
    endpoint: 'https://example.com/my/webhook/endpoint',
    events: [listedEventTypes[0]],
  })
  mock.seedEvent(BRAND, WEBHOOK_ID, {
    id: EVENT_ID,
    type: listedEventTypes[0],
    attempts: [{ status: DELIVERY_STATUS.delivered }],
  })
}

/** The request mix: reads of every kind plus a write. */
export const requestMix = [
  { method: 'GET', path: `/v1/${BRAND}/webhooks` },
  { method: 'GET', path: `/v1/${BRAND}/webhooks/${WEBHOOK_ID}` },
  { method: 'GET', path: `/v1/${BRAND}/webhooks/${WEBHOOK_ID}/events?size=20` },
  { method: 'GET', path: `/v1/${BRAND}/webhooks/${WEBHOOK_ID}/events/${EVENT_ID}` },
  { method: 'PATCH', path: `/v1/${BRAND}/webhooks/${WEBHOOK_ID}`, body: '{"enabled":true}' },
]
