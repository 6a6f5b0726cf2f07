// External validation: the same flows through `prism proxy spec/openapi.yaml <mock server> --errors`,
// which checks every request and every response of the mock against the spec.
import { startPrism } from '@flexengage/tools/prism'
import { ApiError, createWebhooksApi, type Middleware } from '@flexengage/webhooks-fetch-client'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createFlexEngageMock } from '../src/index.js'
import { createMockServer, type MockServer } from '../src/node.js'

let mockServer: MockServer
let prism: Awaited<ReturnType<typeof startPrism>>
const violations: string[] = []
const statuses: number[] = []

const recorder: Middleware = {
  async post({ url, init, response }) {
    statuses.push(response.status)
    const header = response.headers.get('sl-violations')
    if (header) violations.push(`${init.method} ${url}: ${header}`)
    if (response.headers.get('content-type')?.includes('problem+json')) {
      violations.push(`${init.method} ${url}: ${await response.text()}`)
    }
  },
}

beforeAll(async () => {
  mockServer = await createMockServer({ mock: createFlexEngageMock({ seed: 9 }) })
  prism = await startPrism({ mode: 'proxy', upstream: mockServer.url, args: ['--errors'] })
})

afterAll(async () => {
  await prism?.stop()
  await mockServer?.close()
})

const expectStatus = async (call: Promise<unknown>, status: number) => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  expect((error as ApiError).status, (error as ApiError).rawBody).toBe(status)
}

test('a full lifecycle through prism proxy --errors has zero violations', async () => {
  const api = createWebhooksApi({ basePath: prism.url, token: 'proxy-token', middleware: [recorder] })
  const brandId = 'ACME'
  await expectStatus(api.listWebhooks({ brandId }), 404)
  const webhook = await api.createWebhook({
    brandId,
    webhookRequest: { endpoint: 'https://example.com/proxy', events: ['NOTIFICATION.SMS.RECEIPT'] },
  })
  await expectStatus(
    api.createWebhook({
      brandId,
      webhookRequest: { endpoint: 'https://example.com/proxy', events: ['NOTIFICATION.SMS.RECEIPT'] },
    }),
    409,
  )
  await expectStatus(
    api.createWebhook({
      brandId,
      webhookRequest: { endpoint: 'http://example.com/plain', events: ['NOTIFICATION'] },
    }),
    422,
  )
  expect((await api.listWebhooks({ brandId })).map((w) => w.id)).toEqual([webhook.id])
  expect((await api.getWebhook({ brandId, id: webhook.id })).enabled).toBe(true)
  expect(
    (await api.updateWebhook({ brandId, id: webhook.id, webhookPatchRequest: { enabled: false } })).enabled,
  ).toBe(false)

  for (let i = 0; i < 5; i++) {
    mockServer.mock.seedEvent(brandId, webhook.id, {
      type: 'NOTIFICATION.SMS.RECEIPT',
      attempts: [
        {
          status: i % 2 ? 'FAILURE' : 'SUCCESS',
          response: { statusCode: 200, headers: {}, body: '', time: 4 },
        },
      ],
    })
  }
  const first = await api.listWebhookEvents({
    brandId,
    id: webhook.id,
    size: 2,
    start: new Date('2020-01-01T00:00:00Z'),
  })
  const second = await api.listWebhookEvents({ brandId, id: webhook.id, size: 2, startId: first.page.lastId })
  expect(second.events[0]?.id).not.toBe(first.events[1]?.id)
  const event = await api.getWebhookEvent({
    brandId,
    id: webhook.id,
    eventId: second.events[0]?.id as string,
  })
  await api.retryWebhookEvent({ brandId, id: webhook.id, eventId: event.id })
  await expectStatus(
    api.getWebhookEvent({ brandId, id: webhook.id, eventId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }),
    404,
  )
  await api.deleteWebhook({ brandId, id: webhook.id })
  await expectStatus(api.deleteWebhook({ brandId, id: webhook.id }), 404)

  expect(statuses).toEqual([404, 201, 409, 422, 200, 200, 200, 200, 200, 200, 202, 404, 204, 404])
  expect(violations).toEqual([])
  expect(mockServer.mock.violations).toEqual([])
})

test('the proxy does catch a response that breaks the spec (the check can fail)', async () => {
  mockServer.mock.seedWebhook('BRAND2', { endpoint: 'https://example.com/x', events: ['NOTIFICATION'] })
  // A raw body bypasses the mock's own validation; Prism must flag it.
  mockServer.mock.use('listWebhooks', { rawBody: JSON.stringify([{ id: 'not-a-uuid' }]) }, { once: true })
  const response = await fetch(`${prism.url}/v1/BRAND2/webhooks`, { headers: { authorization: 'Bearer t' } })
  expect(response.status).toBe(500)
  expect(await response.text()).toMatch(/VIOLATIONS|violation/i)
})
