// Fault semantics through a real, seeded fault-injecting proxy in front of the mock's node:http
// server: 429 and 503 before forwarding, resets before and after the server acted, truncated JSON,
// delays. After every call the server's own state is compared with what the client reported.
import { once } from 'node:events'
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createFlexEngageMock } from '@flexengage/webhooks-mock-handlers'
import { createMockServer, type MockServer } from '@flexengage/webhooks-mock-handlers/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ConflictError,
  FlexEngageWebhooks,
  OutcomeUnknownError,
  ResponseFormatError,
  type Webhook,
} from '../src/index.js'
import { BRAND, TOKEN } from './helpers.js'

/** mulberry32: the same seed gives the same faults in the same order. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Fault = 'pass' | '429' | '503' | 'reset-before' | 'reset-after' | 'truncate' | 'delay'
const FAULTS: Array<[Fault, number]> = [
  ['429', 0.07],
  ['503', 0.07],
  ['reset-before', 0.05],
  ['reset-after', 0.07],
  ['truncate', 0.06],
  ['delay', 0.05],
]

/** A proxy in front of `upstream` injecting faults: drawn at random, or in the order `script` gives. */
async function startFaultProxy(upstream: string, random: () => number, script?: Fault[]) {
  const seen: Record<Fault, number> = {
    pass: 0,
    '429': 0,
    '503': 0,
    'reset-before': 0,
    'reset-after': 0,
    truncate: 0,
    delay: 0,
  }
  const pick = (): Fault => {
    let roll = random()
    for (const [fault, share] of FAULTS) {
      if (roll < share) return fault
      roll -= share
    }
    return 'pass'
  }
  const forward = (incoming: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
      const target = new URL(incoming.url ?? '/', upstream)
      const outgoing = httpRequest(
        target,
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          const chunks: Buffer[] = []
          answer.on('data', (chunk: Buffer) => chunks.push(chunk))
          answer.on('end', () =>
            resolve({
              status: answer.statusCode ?? 502,
              headers: answer.headers as Record<string, string>,
              body: Buffer.concat(chunks),
            }),
          )
        },
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    })
  const server: Server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const fault = script ? (script.shift() ?? 'pass') : pick()
    seen[fault]++
    if (fault === '429') {
      response.writeHead(429, { 'retry-after-ms': '1', 'content-type': 'application/json' })
      return void response.end('{"message":"TOO MANY REQUESTS","status":429}')
    }
    if (fault === '503') {
      response.writeHead(503, { 'content-type': 'application/json' })
      return void response.end('{"message":"SERVICE UNAVAILABLE","status":503}')
    }
    if (fault === 'reset-before') return void incoming.socket.destroy()
    if (fault === 'delay') await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 20)))
    const answer = await forward(incoming, Buffer.concat(chunks))
    if (fault === 'reset-after') return void incoming.socket.destroy()
    const body =
      fault === 'truncate' && answer.body.length > 1
        ? answer.body.subarray(0, answer.body.length >> 1)
        : answer.body
    const headers: Record<string, string> = { ...answer.headers, 'content-length': String(body.length) }
    delete headers['transfer-encoding']
    response.writeHead(answer.status, headers)
    response.end(body)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

let upstream: MockServer
let proxy: Awaited<ReturnType<typeof startFaultProxy>>
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  upstream = await createMockServer({ mock: createFlexEngageMock({ tokens: { [TOKEN]: '*' } }) })
  proxy = await startFaultProxy(upstream.url, seeded(20261127))
})
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await proxy?.close()
  await upstream?.close()
})

describe('through a fault-injecting proxy, 200 mixed calls', () => {
  test('no create or delete is reported failed while the server did it; no duplicate; no unhandled rejection', async () => {
    const fe = new FlexEngageWebhooks({
      brandId: BRAND,
      token: TOKEN,
      baseUrl: proxy.url,
      maxRetries: 8,
      retry: { baseDelayMs: 1, maxDelayMs: 4 },
      logLevel: 'off',
    })
    const store = upstream.mock.store
    const random = seeded(7)
    const mismatches: string[] = []
    const tally = {
      creates: 0,
      createsFailed: 0,
      duplicatesRefused: 0,
      deletes: 0,
      deletesFailed: 0,
      others: 0,
    }
    let endpointNumber = 0
    const existing = () => store.webhooks(BRAND)
    for (let call = 0; call < 200; call++) {
      const roll = random()
      const some = existing()[Math.floor(random() * existing().length)] as Webhook | undefined
      if (roll < 0.35 || !some) {
        tally.creates++
        const endpoint = `https://example.com/hooks/${endpointNumber++}`
        const outcome = await fe.webhooks.create({ endpoint, events: ['NOTIFICATION.SMS'] }).then(
          (webhook) => ({ webhook }),
          (error: unknown) => ({ error }),
        )
        const stored = existing().filter((w) => w.endpoint === endpoint)
        if ('webhook' in outcome) {
          if (stored[0]?.id !== outcome.webhook.id)
            mismatches.push(`create ${endpoint} resolved but is not stored`)
        } else {
          tally.createsFailed++
          if (stored.length > 0)
            mismatches.push(`create ${endpoint} reported ${String(outcome.error)} although it exists`)
        }
      } else if (roll < 0.45) {
        // A real duplicate: refused, or (after an attempt that may have acted) the existing webhook.
        const outcome = await fe.webhooks.create({ endpoint: some.endpoint, events: some.events }).then(
          (webhook) => ({ webhook }),
          (error: unknown) => ({ error }),
        )
        if ('error' in outcome && outcome.error instanceof ConflictError) tally.duplicatesRefused++
        else if (!('webhook' in outcome) || outcome.webhook.id !== some.id) {
          mismatches.push(
            `a duplicate create of ${some.id} ended as ${'error' in outcome ? String(outcome.error) : 'a new webhook'}`,
          )
        }
      } else if (roll < 0.65) {
        tally.deletes++
        const outcome = await fe.webhooks.delete(some.id).then(
          () => ({ deleted: true }),
          (error: unknown) => ({ error }),
        )
        const stillThere = existing().some((w) => w.id === some.id)
        if ('deleted' in outcome && stillThere)
          mismatches.push(`delete ${some.id} resolved but it is still there`)
        if ('error' in outcome) {
          tally.deletesFailed++
          if (!stillThere)
            mismatches.push(`delete ${some.id} reported ${String(outcome.error)} although it is gone`)
        }
      } else {
        tally.others++
        const calls = [
          () => fe.webhooks.get(some.id),
          () => fe.webhooks.list(),
          () => fe.webhooks.update(some.id, { enabled: random() < 0.5 }),
          () => fe.webhooks.events.list(some.id).pages().next(),
        ]
        await (calls[Math.floor(random() * calls.length)] as () => Promise<unknown>)().catch(() => undefined)
      }
    }
    const keys = existing().map((w) => `${w.endpoint} ${[...w.events].sort().join(',')}`)
    console.log('fault proxy:', JSON.stringify({ faults: proxy.seen, ...tally, webhooks: keys.length }))
    expect(mismatches).toEqual([])
    expect(new Set(keys).size).toBe(keys.length)
    expect(unhandled).toEqual([])
    // The run really exercised every fault and both kinds of call.
    for (const [fault] of FAULTS) expect(proxy.seen[fault], fault).toBeGreaterThan(0)
    expect(tally.creates).toBeGreaterThan(40)
    expect(tally.deletes).toBeGreaterThan(20)
  })
})

describe('a token refresh is not an attempt that may have reached the server', () => {
  test('401 -> refresh -> 409 on a first create is a ConflictError', async () => {
    const tokens = ['stale', TOKEN]
    const fe = new FlexEngageWebhooks({
      brandId: BRAND,
      token: () => tokens.shift() ?? TOKEN,
      baseUrl: upstream.url,
      logLevel: 'off',
    })
    const taken = { endpoint: 'https://example.com/taken', events: ['ORDER_EVENTS'] }
    upstream.mock.seedWebhook(BRAND, taken)
    const error = await fe.webhooks.create(taken).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect(tokens).toEqual([])
  })
})

describe('a create whose answer was lost, and whose check of what happened failed too', () => {
  test('rejects with OutcomeUnknownError: the webhook may exist, the failed check kept as the cause', async () => {
    // The create reaches the server and its answer is cut off; the listing that looks for the webhook
    // comes back as broken JSON.
    const scripted = await startFaultProxy(upstream.url, seeded(1), ['reset-after', 'truncate'])
    try {
      const fe = new FlexEngageWebhooks({
        brandId: BRAND,
        token: TOKEN,
        baseUrl: scripted.url,
        maxRetries: 0,
        logLevel: 'off',
      })
      const input = { endpoint: 'https://example.com/outcome-unknown', events: ['NOTIFICATION'] }
      const error = await fe.webhooks.create(input).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OutcomeUnknownError)
      expect(error).toMatchObject({ operation: 'createWebhook', mayHaveActed: true })
      expect((error as OutcomeUnknownError).cause).toBeInstanceOf(ResponseFormatError)
      expect(String((error as Error).message)).toMatch(/may/)
      // It did act: the server holds the webhook.
      expect(upstream.mock.store.webhooks(BRAND).some((webhook) => webhook.endpoint === input.endpoint)).toBe(
        true,
      )
      expect(scripted.seen['reset-after']).toBe(1)
      expect(scripted.seen.truncate).toBe(1)
    } finally {
      await scripted.close()
    }
  })
})
