// The app against a real local flexEngage (the sandbox): every listed event type is delivered, signed,
// and handled exactly once; then the receiver check sends everything else flexEngage may (forged,
// tampered, stale, unknown, large, concurrent) and every case passes.
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { listedEventTypes, type VerifiedEvent } from '@flexengage/webhooks/receiver'
import { testEvent } from '@flexengage/webhooks/testing'
import { checkReceiver, type Sandbox, startSandbox } from '@flexengage/webhooks-sandbox'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createApp } from '../src/app.js'

const handled: VerifiedEvent[] = []
const app = createApp({ onEvent: (event) => void handled.push(event), trustLocalSandbox: true })
let sandbox: Sandbox
let url: string

beforeAll(async () => {
  sandbox = await startSandbox()
  url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/webhooks`
})
afterAll(async () => {
  await app.close()
  await sandbox?.close()
})

test('every listed event type the sandbox delivers is verified and handled once', async () => {
  const fe = new FlexEngageWebhooks({
    brandId: 'ACME',
    token: sandbox.tokens[0] as string,
    baseUrl: sandbox.url,
  })
  await fe.webhooks.create({ endpoint: url, events: [...listedEventTypes] })
  const triggered = []
  for (const type of listedEventTypes)
    triggered.push(...(await sandbox.trigger('ACME', type, testEvent(type).data)))
  await sandbox.settled(triggered.map((event) => event.id))
  expect(handled.map((event) => event.id).sort()).toEqual(triggered.map((event) => event.id).sort())
})

test('the receiver check passes: forged and tampered deliveries refused, the rest acknowledged', async () => {
  const check = await checkReceiver({ url })
  expect(check.cases.filter((row) => row.verdict === 'FAIL')).toEqual([])
  expect(check.cases.find((row) => row.id === 'tampered body')?.verdict).toBe('PASS')
})

test("the app's other routes keep Fastify's JSON parser", async () => {
  const response = await app.inject({ method: 'POST', url: '/echo', payload: { kept: true } })
  expect(response.json()).toEqual({ kept: true })
})
