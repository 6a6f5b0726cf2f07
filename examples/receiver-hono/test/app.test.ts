// The app on Node (@hono/node-server) against a real local flexEngage (the sandbox): every listed
// event type is delivered, signed, and handled exactly once; then the receiver check passes.
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { listedEventTypes, type VerifiedEvent } from '@flexengage/webhooks/receiver'
import { testEvent } from '@flexengage/webhooks/testing'
import { checkReceiver, type Sandbox, startSandbox } from '@flexengage/webhooks-sandbox'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createApp } from '../src/app.js'

const handled: VerifiedEvent[] = []
let sandbox: Sandbox
let server: ReturnType<typeof serve>
let url: string

beforeAll(async () => {
  sandbox = await startSandbox()
  const app = createApp({ onEvent: (event) => void handled.push(event), trustLocalSandbox: true })
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await once(server, 'listening')
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`
})
afterAll(async () => {
  server?.close()
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
