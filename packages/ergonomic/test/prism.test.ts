// Every method of the ergonomic client against the real `prism mock spec/openapi.yaml`, which
// validates each request; any violation fails the suite.
import { startPrism } from '@flexengage/tools/prism'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { FlexEngageWebhooks, NotFoundError } from '../src/index.js'

const WEBHOOK_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
const EVENT_ID = '497f6eca-6276-4993-bfeb-53cbbbba6f08'

let prism: Awaited<ReturnType<typeof startPrism>>
const violations: string[] = []
let sent = 0

/** `prefer` is sent as Prism's Prefer header, on every request or only on one method. */
function client(prefer?: string, onlyMethod?: string) {
  return new FlexEngageWebhooks({
    brandId: 'ACME',
    token: 'prism-token',
    baseUrl: prism.url,
    maxRetries: 0,
    fetch: async (input, init) => {
      sent++
      const headers = new Headers(init?.headers)
      if (prefer && (!onlyMethod || init?.method === onlyMethod)) headers.set('Prefer', prefer)
      const response = await fetch(input, { ...init, headers })
      const violation =
        response.headers.get('sl-violations') ??
        (response.headers.get('content-type')?.includes('problem+json')
          ? await response.clone().text()
          : null)
      if (violation) violations.push(`${init?.method} ${input}: ${violation}`)
      return response
    },
  })
}

beforeAll(async () => {
  prism = await startPrism()
})
afterAll(async () => {
  expect(prism.refusedConnections()).toEqual([])
  await prism?.stop()
})

test('webhooks: create, list, get, update, enable, disable, delete, ensure', async () => {
  const fe = client()
  // Prism fires the spec's delivery callback at the endpoint a create names: its loopback sink.
  const created = await fe.webhooks.create({
    endpoint: prism.callbackUrl('/hook'),
    events: ['NOTIFICATION.SMS.RECEIPT'],
  })
  expect(created.id).toBe(WEBHOOK_ID)
  expect((await fe.webhooks.list()).map((w) => w.id)).toEqual([WEBHOOK_ID])
  expect((await fe.webhooks.get(WEBHOOK_ID)).enabled).toBe(true)
  expect((await fe.webhooks.update(WEBHOOK_ID, { enabled: true })).id).toBe(WEBHOOK_ID)
  expect((await fe.webhooks.enable(WEBHOOK_ID)).id).toBe(WEBHOOK_ID)
  expect((await fe.webhooks.disable(WEBHOOK_ID)).id).toBe(WEBHOOK_ID)
  expect((await client('code=204', 'PATCH').webhooks.update(WEBHOOK_ID, { enabled: false })).id).toBe(
    WEBHOOK_ID,
  )
  await fe.webhooks.delete(WEBHOOK_ID)
  const ensured = await fe.webhooks.ensure({
    endpoint: 'https://example.com/my/webhook/endpoint',
    events: ['NOTIFICATION.SMS.RECEIPT'],
  })
  expect(ensured.action).toBe('unchanged')
})

test('list answers [] on the documented 404', async () => {
  expect(await client('code=404').webhooks.list()).toEqual([])
  await expect(client('code=404').webhooks.get(WEBHOOK_ID)).rejects.toBeInstanceOf(NotFoundError)
})

test('events: list, pages, get, retry, retryFailed', async () => {
  const fe = client()
  const seen = []
  for await (const event of fe.webhooks.events.list(WEBHOOK_ID, {
    pageSize: 20,
    start: '2019-08-01T00:00:00Z',
    end: new Date('2019-09-01T00:00:00Z'),
  })) {
    seen.push(event)
  }
  expect(seen.map((e) => e.id)).toEqual([EVENT_ID])
  // Timestamps arrive as the API sends them: ISO 8601 strings, as in @flexengage/webhooks-types.
  expect(Date.parse(seen[0]?.created ?? '')).not.toBeNaN()
  const detail = await fe.webhooks.events.get(WEBHOOK_ID, EVENT_ID)
  expect(detail.attempts[0]?.response?.statusCode).toBe(200)
  await fe.webhooks.events.retry(WEBHOOK_ID, EVENT_ID)
  const result = await fe.webhooks.events.retryFailed(WEBHOOK_ID, { isFailed: () => true })
  expect(result).toMatchObject({ scanned: 1, matched: 1, retried: 1, failed: 0 })
})

test('zero violations across every request', () => {
  expect(sent).toBeGreaterThan(15)
  expect(violations).toEqual([])
})
