// End to end: real signed deliveries to a real receiver, failures, scheduled redelivery, the retry endpoint.

import { DELIVERY_STATUS } from '@flexengage/webhooks-types'
import { afterEach, describe, expect, test } from 'vitest'
import { type DeliveryOptions, type Sandbox, startSandbox } from '../src/index.js'
import { BRAND, clientFor, eventually, listen, startReceiver, trigger } from './helpers.js'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

// The retry schedule is measured on a frozen clock: each retry happens after its real delay, but the
// window counts only the schedule's own delays, so how many attempts fit never depends on how fast
// the machine is. It is frozen at the start of the run, so receivers accept the events as fresh.
const FROZEN_AT = Date.now()

async function sandboxWith(delivery: Partial<DeliveryOptions> = {}) {
  const sandbox = await startSandbox({
    clock: () => FROZEN_AT,
    delivery: { firstRetryDelayMs: 50, retryWindowMs: 2_000, attemptTimeoutMs: 30_000, ...delivery },
  })
  cleanups.push(() => sandbox.close())
  return sandbox
}

async function receiver(options?: Parameters<typeof startReceiver>[0]) {
  const started = await startReceiver(options)
  cleanups.push(started.close)
  return started
}

describe('deliveries', () => {
  test('every enabled, matching webhook gets a signed POST the receiver verifies; attempts are recorded', async () => {
    const sandbox = await sandboxWith()
    const sms = await receiver()
    const orders = await receiver()
    const fe = clientFor(sandbox)
    const smsHook = await fe.webhooks.create({ endpoint: sms.endpoint, events: ['NOTIFICATION.SMS'] })
    await fe.webhooks.create({ endpoint: orders.endpoint, events: ['ORDER_EVENTS'] })
    const disabled = await fe.webhooks.create({
      endpoint: `${sms.endpoint}/off`,
      events: ['NOTIFICATION'],
      enabled: false,
    })

    const data = { phoneNumber: '+15555550123', message: 'Your receipt', locale: 'en-US' }
    const { status, body } = await trigger(sandbox, 'NOTIFICATION.SMS.RECEIPT', data)
    expect(status).toBe(202)
    expect(body.events?.map((e) => e.webhookId)).toEqual([smsHook.id])
    await eventually(() => sms.handled.length === 1)
    expect(orders.handled).toEqual([])

    const [envelope] = sms.handled
    const eventId = body.events?.[0]?.id as string
    expect(envelope).toMatchObject({
      id: eventId,
      brandId: BRAND,
      webhookId: smsHook.id,
      type: 'NOTIFICATION.SMS.RECEIPT',
      data,
    })
    const detail = await fe.webhooks.events.get(smsHook.id, eventId)
    expect(detail.status).toBe(DELIVERY_STATUS.delivered)
    const [attempt] = detail.attempts
    expect(attempt?.id).toBe(envelope?.attemptId)
    expect(attempt?.request.headers).toMatchObject({
      'User-Agent': 'FlexEngage Webhook',
      'Content-Type': 'application/json',
      'x-fr-wh-pk': sandbox.keyUrl,
    })
    expect(attempt?.request.headers['x-fr-wh-authorization']).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(attempt?.response).toMatchObject({
      statusCode: 200,
      body: expect.stringContaining('"received":true'),
    })
    expect(attempt?.response?.time).toBeGreaterThanOrEqual(0)
    expect(await fe.webhooks.events.list(disabled.id).pages().next()).toMatchObject({ done: true })
  })

  test('a failed delivery is redelivered on the schedule, as a new attempt', async () => {
    const sandbox = await sandboxWith()
    let failures = 0
    const target = await receiver({ fail: () => failures++ < 2 })
    const fe = clientFor(sandbox)
    const hook = await fe.webhooks.create({ endpoint: target.endpoint, events: ['NOTIFICATION'] })
    const { body } = await trigger(sandbox, 'NOTIFICATION.SMS.RECEIPT', {
      phoneNumber: '+15555550123',
      message: 'm',
      locale: 'en-US',
    })
    const eventId = body.events?.[0]?.id as string
    await eventually(
      async () => (await fe.webhooks.events.get(hook.id, eventId)).status === DELIVERY_STATUS.delivered,
    )
    const detail = await fe.webhooks.events.get(hook.id, eventId)
    expect(detail.attempts.map((a) => [a.status, a.response?.statusCode])).toEqual([
      [DELIVERY_STATUS.failed, 500],
      [DELIVERY_STATUS.failed, 500],
      [DELIVERY_STATUS.delivered, 200],
    ])
    expect(new Set(detail.attempts.map((a) => a.id)).size).toBe(3)
  })

  test('outside the retry window the event fails; a refused connection records no response', async () => {
    // Retries after 40 and 80 ms fit a 150 ms window; the next one (160 ms) does not.
    const sandbox = await sandboxWith({ retryWindowMs: 150, firstRetryDelayMs: 40 })
    const fe = clientFor(sandbox)
    const hook = await fe.webhooks.create({
      endpoint: 'http://127.0.0.1:1/nobody-listens',
      events: ['NOTIFICATION'],
    })
    const { body } = await trigger(sandbox, 'NOTIFICATION.X')
    const eventId = body.events?.[0]?.id as string
    await eventually(
      async () => (await fe.webhooks.events.get(hook.id, eventId)).status === DELIVERY_STATUS.failed,
    )
    const detail = await fe.webhooks.events.get(hook.id, eventId)
    expect(detail.attempts).toHaveLength(3)
    expect(
      detail.attempts.every((a) => a.status === DELIVERY_STATUS.failed && a.response === undefined),
    ).toBe(true)
  })

  test('POST .../retry really re-delivers, as a new attempt', async () => {
    const sandbox = await sandboxWith({ retryWindowMs: 0 })
    let down = true
    const target = await receiver({ fail: () => down })
    const fe = clientFor(sandbox)
    const hook = await fe.webhooks.create({ endpoint: target.endpoint, events: ['ORDER_EVENTS'] })
    const { body } = await trigger(sandbox, 'ORDER_EVENTS.OMS.ORDER_CREATED', { orderId: 1 })
    const eventId = body.events?.[0]?.id as string
    await eventually(
      async () => (await fe.webhooks.events.get(hook.id, eventId)).status === DELIVERY_STATUS.failed,
    )
    down = false
    const result = await fe.webhooks.events.retryFailed(hook.id)
    expect(result).toMatchObject({ matched: 1, retried: 1 })
    await eventually(
      async () => (await fe.webhooks.events.get(hook.id, eventId)).status === DELIVERY_STATUS.delivered,
    )
    const detail = await fe.webhooks.events.get(hook.id, eventId)
    expect(detail.attempts.map((a) => a.response?.statusCode)).toEqual([500, 200])
    expect(target.handled.map((e) => e.id)).toEqual([eventId])
    expect(target.handled[0]?.attemptId).toBe(detail.attempts[1]?.id)
  })

  test('the queue is bounded: with every slot taken by a receiver that holds its answers, triggers get 503', async () => {
    const sandbox = await sandboxWith({ retryWindowMs: 0, concurrency: 2, maxPending: 3 })
    // Holds every delivery until the test releases it, so nothing drains while the queue fills.
    const held: Array<() => void> = []
    let released = false
    const holding = await listen((_, response) => {
      const answer = () => response.end('{"ok":true}')
      if (released) answer()
      else held.push(answer)
    })
    cleanups.push(holding.close)
    const fe = clientFor(sandbox)
    const hook = await fe.webhooks.create({ endpoint: `${holding.url}/hooks`, events: ['NOTIFICATION'] })
    const results = []
    for (let i = 0; i < 6; i++) results.push(await trigger(sandbox, 'NOTIFICATION.X'))
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 503, 503, 503])
    expect(results[3]?.body).toMatchObject({
      status: 503,
      description: expect.stringMatching(/bound on pending deliveries/),
    })

    released = true
    for (const answer of held.splice(0)) answer()
    const accepted = results.flatMap((r) => r.body.events ?? []).map((e) => e.id)
    await eventually(async () => {
      const details = await Promise.all(accepted.map((id) => fe.webhooks.events.get(hook.id, id)))
      return details.every((d) => d.status === DELIVERY_STATUS.delivered)
    })
    await sandbox.settled()
    expect(sandbox.pendingDeliveries).toBe(0)
  })

  test('one trigger that would pass the pending bound creates nothing (503), however many webhooks match', async () => {
    const sandbox = await sandboxWith({ maxPending: 10_000 })
    for (let i = 0; i < 20_000; i++) {
      sandbox.mock.seedWebhook(BRAND, { endpoint: `https://example.com/${i}`, events: ['NOTIFICATION'] })
    }
    const refused = await trigger(sandbox, 'NOTIFICATION.X')
    expect(refused.status).toBe(503)
    expect(refused.body.description).toMatch(/20000 more deliveries would pass the bound/)
    expect(sandbox.pendingDeliveries).toBe(0)
    const [first] = sandbox.mock.store.webhooks(BRAND)
    expect(sandbox.mock.store.events(BRAND, first?.id as string)).toEqual([])
  })

  test("hanging receivers hold only their own share of the slots: a healthy endpoint's deliveries go on", async () => {
    const sandbox = await sandboxWith({ retryWindowMs: 0, attemptTimeoutMs: 600_000 })
    const fe = clientFor(sandbox)
    // Eight receivers (eight origins) that take every delivery and never answer.
    const inFlight: number[] = []
    for (let i = 0; i < 8; i++) {
      inFlight.push(0)
      const hanging = await listen((request) => {
        inFlight[i] = (inFlight[i] as number) + 1
        request.resume()
      })
      cleanups.push(hanging.close)
      await fe.webhooks.create({ endpoint: `${hanging.url}/hooks`, events: ['NOTIFICATION'] })
    }
    const healthy = await receiver()
    await fe.webhooks.create({ endpoint: healthy.endpoint, events: ['NOTIFICATION'] })
    const triggered = []
    for (let n = 0; n < 10; n++) triggered.push(await trigger(sandbox, 'NOTIFICATION.X', { n }))
    await eventually(() => healthy.handled.length === 10)
    // Each hanging endpoint holds at most its share, however many of its deliveries wait.
    for (const count of inFlight) expect(count).toBeLessThanOrEqual(4)
    await eventually(() => sandbox.pendingDeliveries === 80)
    expect(triggered.every((result) => result.status === 202)).toBe(true)
  })

  test('a receiver answering a body without end costs the first KiBs: the rest is never read', async () => {
    const sandbox = await sandboxWith({ retryWindowMs: 0 })
    const GiB = 1024 ** 3
    let written = 0
    let cutOff: () => void = () => undefined
    const cut = new Promise<void>((resolve) => {
      cutOff = resolve
    })
    const endless = await listen((request, response) => {
      request.resume()
      response.writeHead(200, { 'content-type': 'text/plain' })
      const chunk = Buffer.alloc(64 * 1024, 'x')
      const pump = () => {
        while (written < GiB && response.write(chunk)) written += chunk.length
      }
      response.on('drain', pump)
      response.on('close', () => cutOff())
      pump()
    })
    cleanups.push(endless.close)
    const fe = clientFor(sandbox)
    const hook = await fe.webhooks.create({ endpoint: `${endless.url}/hooks`, events: ['NOTIFICATION'] })
    const { body } = await trigger(sandbox, 'NOTIFICATION.X')
    const eventId = body.events?.[0]?.id as string
    await eventually(
      async () => (await fe.webhooks.events.get(hook.id, eventId)).status === DELIVERY_STATUS.delivered,
    )
    // The sandbox closed the connection long before the gigabyte was through.
    await cut
    expect(written).toBeLessThan(GiB)
    const [attempt] = (await fe.webhooks.events.get(hook.id, eventId)).attempts
    expect(attempt?.response?.statusCode).toBe(200)
    expect(attempt?.response?.body).toBe('x'.repeat(4096))
  })

  test('a receiver that never answers is cut off after attemptTimeoutMs, with no response recorded', async () => {
    const sandbox = await sandboxWith({ attemptTimeoutMs: 100, retryWindowMs: 0 })
    let connectionClosed: () => void = () => undefined
    const closed = new Promise<void>((resolve) => {
      connectionClosed = resolve
    })
    const hanging = await listen((request) => request.socket.once('close', () => connectionClosed()))
    cleanups.push(hanging.close)
    const fe = clientFor(sandbox)
    const hook = await fe.webhooks.create({ endpoint: `${hanging.url}/hooks`, events: ['NOTIFICATION'] })
    const { body } = await trigger(sandbox, 'NOTIFICATION.X')
    const eventId = body.events?.[0]?.id as string
    // The receiver never answers: only the sandbox's attempt timeout can end this delivery.
    await closed
    await eventually(
      async () => (await fe.webhooks.events.get(hook.id, eventId)).status === DELIVERY_STATUS.failed,
    )
    const detail = await fe.webhooks.events.get(hook.id, eventId)
    expect(detail.attempts).toHaveLength(1)
    expect(detail.attempts[0]).toMatchObject({ status: DELIVERY_STATUS.failed })
    expect(detail.attempts[0]?.response).toBeUndefined()
  })

  test('a redirect is the receiver’s answer: recorded as a failure with its headers, never followed', async () => {
    const sandbox = await sandboxWith({ retryWindowMs: 0 })
    const target = await receiver()
    const connections = new Set<unknown>()
    const redirecting = await listen((request, response) => {
      connections.add(request.socket)
      request.resume()
      response.setHeader('location', target.endpoint)
      response.setHeader('x-repeated', ['one', 'two'])
      response.writeHead(307).end('moved')
    })
    cleanups.push(redirecting.close)
    const fe = clientFor(sandbox)
    const hook = await fe.webhooks.create({ endpoint: `${redirecting.url}/hooks`, events: ['NOTIFICATION'] })
    const eventIds: string[] = []
    for (const n of [1, 2, 3]) {
      const { body } = await trigger(sandbox, 'NOTIFICATION.X', { n })
      eventIds.push(body.events?.[0]?.id as string)
      await eventually(
        async () =>
          (await fe.webhooks.events.get(hook.id, eventIds.at(-1) as string)).status ===
          DELIVERY_STATUS.failed,
      )
    }
    const [attempt] = (await fe.webhooks.events.get(hook.id, eventIds[0] as string)).attempts
    expect(attempt?.response).toMatchObject({
      statusCode: 307,
      body: 'moved',
      headers: { location: target.endpoint, 'x-repeated': 'one, two' },
    })
    expect(target.handled).toEqual([])
    // Sequential deliveries to one endpoint reuse one kept-alive connection.
    expect(connections.size).toBe(1)
  })
})

describe('sandbox rules', () => {
  test('http endpoints are accepted on loopback only, https anywhere', async () => {
    const sandbox = await sandboxWith()
    const fe = clientFor(sandbox)
    await expect(
      fe.webhooks.create({ endpoint: 'http://localhost:9/x', events: ['NOTIFICATION'] }),
    ).resolves.toBeTruthy()
    const response = await fetch(`${sandbox.url}/v1/${BRAND}/webhooks`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'http://example.com/x', events: ['NOTIFICATION'] }),
    })
    expect(response.status).toBe(422)
    expect((await response.json()).validations.endpoint).toMatch(/loopback/)
  })

  test('the trigger endpoint needs a token and a well-formed type', async () => {
    const sandbox: Sandbox = await sandboxWith()
    expect((await trigger(sandbox, 'NOTIFICATION.X', {}, 'wrong')).status).toBe(401)
    expect((await trigger(sandbox, 'not a type')).status).toBe(422)
    expect((await trigger(sandbox, 'NOTIFICATION.X', [1, 2])).status).toBe(422)
    expect(await trigger(sandbox, 'NOTIFICATION.X')).toEqual({ status: 202, body: { events: [] } })
  })

  test('the public key is served at the URL deliveries name', async () => {
    const sandbox = await sandboxWith()
    const response = await fetch(sandbox.keyUrl)
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/^-----BEGIN PUBLIC KEY-----/)
  })
})
