// Against a real local flexEngage (the sandbox, one attempt per delivery so failures settle at once)
// and a real receiver that is down, then up: the subscription is ensured idempotently, the events
// it missed are listed as failed, and re-sending them delivers each one.
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { listedEventTypes } from '@flexengage/webhooks/receiver'
import { testEvent } from '@flexengage/webhooks/testing'
import { type Sandbox, startSandbox } from '@flexengage/webhooks-sandbox'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureSubscription, failedEventsSince, resendFailedSince } from '../src/manage.js'

let sandbox: Sandbox
let receiver: Server
let endpoint: string
let fe: FlexEngageWebhooks
let receiverUp = false
const acknowledged: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ delivery: { retryWindowMs: 0 } })
  fe = new FlexEngageWebhooks({ brandId: 'ACME', token: sandbox.tokens[0] as string, baseUrl: sandbox.url })
  receiver = createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    if (!receiverUp) return void response.writeHead(503).end()
    acknowledged.push((JSON.parse(body) as { id: string }).id)
    response.writeHead(204).end()
  }).listen(0, '127.0.0.1')
  await once(receiver, 'listening')
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`
})
afterAll(async () => {
  receiver?.close()
  await sandbox?.close()
})

test('ensuring a subscription creates it once, leaves it, and enables it after someone disabled it', async () => {
  const subscription = { endpoint, events: [...listedEventTypes] }
  const first = await ensureSubscription(fe, subscription)
  expect(first.action).toBe('created')
  expect(await ensureSubscription(fe, subscription)).toEqual({ id: first.id, action: 'unchanged' })
  await fe.webhooks.disable(first.id)
  expect(await ensureSubscription(fe, subscription)).toEqual({ id: first.id, action: 'enabled' })
})

test('events the receiver missed are listed as failed; re-sent, each is delivered once', async () => {
  const since = new Date(Date.now() - 60_000)
  const { id } = await ensureSubscription(fe, { endpoint, events: [...listedEventTypes] })
  const triggered = []
  for (const type of listedEventTypes)
    triggered.push(...(await sandbox.trigger('ACME', type, testEvent(type).data)))
  const triggeredIds = triggered.map((event) => event.id).sort()
  await sandbox.settled(triggeredIds)

  const failed = await failedEventsSince(fe, id, since)
  expect(failed.map((event) => event.id).sort()).toEqual(triggeredIds)
  expect(acknowledged).toEqual([])

  receiverUp = true
  const report = await resendFailedSince(fe, id, since)
  expect(report.failures).toEqual([])
  expect(report.resent.sort()).toEqual(triggeredIds)
  await sandbox.settled(triggeredIds)
  expect(acknowledged.sort()).toEqual(triggeredIds)
  expect(await failedEventsSince(fe, id, since)).toEqual([])
})
