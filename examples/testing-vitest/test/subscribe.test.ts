// The app's start-up code against the flexEngage mock behind MSW's setupServer: the code under test
// calls the API with its real client over `fetch`; MSW answers from the in-process mock.
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { createFlexEngageMock } from '@flexengage/webhooks-mock-handlers'
import { createHandlers } from '@flexengage/webhooks-mock-handlers/msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { MisconfiguredCredentialsError, RECEIPT_EVENTS, subscribeToReceipts } from '../src/subscribe.js'

const baseUrl = 'https://flexengage.example.test'
const endpoint = 'https://app.example.test/webhooks'
const mock = createFlexEngageMock({ seed: 7, tokens: { 'app-token': 'ACME' } })
const server = setupServer(...createHandlers(mock, { baseUrl }))
const client = (token: string) => new FlexEngageWebhooks({ brandId: 'ACME', token, baseUrl, maxRetries: 0 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => mock.reset())
afterAll(() => server.close())

test('subscribes the endpoint when it is not subscribed yet', async () => {
  const result = await subscribeToReceipts(client('app-token'), endpoint)
  expect(result.reused).toBe(false)
  expect(mock.store.webhooks('ACME').map((webhook) => [webhook.id, webhook.endpoint])).toEqual([
    [result.webhookId, endpoint],
  ])
})

test('a 409 (already subscribed, by another instance) reuses the existing webhook', async () => {
  const existing = mock.seedWebhook('ACME', { endpoint, events: RECEIPT_EVENTS })
  const result = await subscribeToReceipts(client('app-token'), endpoint)
  expect(result).toEqual({ webhookId: existing.id, reused: true })
  expect(mock.store.webhooks('ACME')).toHaveLength(1)
})

test('a 401 is reported as a credentials mistake, with the API error as its cause', async () => {
  const failure = subscribeToReceipts(client('a-revoked-token'), endpoint)
  await expect(failure).rejects.toBeInstanceOf(MisconfiguredCredentialsError)
  await expect(failure).rejects.toMatchObject({ cause: { status: 401 } })
  expect(mock.store.webhooks('ACME')).toEqual([])
})
