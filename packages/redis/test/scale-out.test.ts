// Three receiver processes behind a round-robin proxy share one real redis-server. The sandbox
// delivers 300 signed events; some handlers fail once, one receiver is killed with SIGKILL while it
// holds a lease, and already delivered events are re-sent through the API. Every event's handler
// effect (an INCR in Redis) happens exactly once, and none is lost.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startRedisServer } from '@flexengage/tools/redis-server'
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { startSandbox } from '@flexengage/webhooks-sandbox'
import { createClient } from 'redis'
import { afterAll, expect, test } from 'vitest'

const EVENTS = 300
const RESENT = 30
const cleanups: Array<() => Promise<void> | void> = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** Waits for a condition; the deadline is a safety net for a broken build, never the expectation. */
async function eventually(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 300_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

interface ReceiverProcess {
  child: ChildProcess
  port: number
  /** Resolves with the event id once this process holds it (only the process that got it does). */
  held: Promise<string>
}

async function startReceiverProcess(
  redisUrl: string,
  storeClient: 'redis' | 'ioredis',
): Promise<ReceiverProcess> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./receiver-process.mjs', import.meta.url))], {
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      STORE_CLIENT: storeClient,
      LEASE_MS: '1000',
      FAIL_EVERY: '10',
      HOLD_EVENT_N: '150',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  cleanups.push(() => void child.kill('SIGKILL'))
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  let held: (eventId: string) => void = () => undefined
  const heldPromise = new Promise<string>((resolve) => {
    held = resolve
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`receiver process exited with ${code}`)))
    lines.on('line', (line) => {
      const [word, value] = line.split(' ')
      if (word === 'listening') resolve(Number(value))
      if (word === 'holding') held(value as string)
    })
  })
  return { child, port, held: heldPromise }
}

/**
 * Round robin over the receivers. A receiver that refuses the connection (gone) is skipped, as a load
 * balancer's health check would; one that breaks off a request it received answers 502.
 */
async function startProxy(ports: number[]) {
  let next = 0
  const forward = (body: Buffer, incoming: IncomingMessage, outgoing: ServerResponse, tries: number) => {
    const port = ports[next++ % ports.length] as number
    const forwarded = httpRequest(
      { host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      },
    )
    forwarded.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && tries > 1) return forward(body, incoming, outgoing, tries - 1)
      if (!outgoing.headersSent) outgoing.writeHead(502).end('{"error":"upstream_unavailable"}')
      else outgoing.destroy()
    })
    forwarded.end(body)
  }
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    forward(Buffer.concat(chunks), incoming, outgoing, ports.length)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  cleanups.push(() => {
    server.closeAllConnections()
    server.close()
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
}

test('300 events through 3 receivers sharing Redis: each handler effect exactly once, none lost', async () => {
  const redis = await startRedisServer()
  cleanups.push(() => redis.stop())
  const client = await createClient({ url: redis.url }).connect()
  cleanups.push(() => client.destroy())

  // Both client packages share the same leases: one process talks to Redis through ioredis.
  const receivers = await Promise.all(
    (['redis', 'ioredis', 'redis'] as const).map((storeClient) =>
      startReceiverProcess(redis.url, storeClient),
    ),
  )
  const endpoint = await startProxy(receivers.map((r) => r.port))
  const sandbox = await startSandbox({
    delivery: { firstRetryDelayMs: 50, retryWindowMs: 10 * 60_000, attemptTimeoutMs: 60_000 },
  })
  cleanups.push(() => sandbox.close())
  const fe = new FlexEngageWebhooks({ brandId: 'ACME', token: 'sandbox-token', baseUrl: sandbox.url })
  const hook = await fe.webhooks.create({ endpoint, events: ['SCALE_OUT'] })

  const eventIds: string[] = []
  for (let n = 1; n <= EVENTS; n++) {
    // A type the spec does not list: its data may be any object, here the event's number.
    const [event] = await sandbox.trigger('ACME', 'SCALE_OUT.TEST.EVENT', { n })
    eventIds.push((event as { id: string }).id)
  }

  // Mid-burst: the process holding event 150 (in its handler, lease taken, no effect yet) is killed.
  const holder = await Promise.race(
    receivers.map(async (receiver) => {
      await receiver.held
      return receiver
    }),
  )
  const heldEventId = await holder.held
  holder.child.kill('SIGKILL')
  await once(holder.child, 'exit')

  const effects = async () => (await client.keys('effect:*')).length
  await eventually(
    async () => (await effects()) === EVENTS && sandbox.pendingDeliveries === 0,
    'all events handled',
  )
  await sandbox.settled()

  // Re-send already delivered events through the API: acknowledged as duplicates, no second effect.
  const before = await client.hGetAll('outcomes')
  for (const eventId of eventIds.slice(0, RESENT)) await fe.webhooks.events.retry(hook.id, eventId)
  await eventually(
    async () =>
      Number((await client.hGetAll('outcomes')).duplicate ?? 0) >= Number(before.duplicate ?? 0) + RESENT,
    'the re-sent events acknowledged',
  )
  await sandbox.settled()

  const counts = await Promise.all(eventIds.map((id) => client.get(`effect:${id}`)))
  const outcomes = await client.hGetAll('outcomes')
  const received = Object.values(outcomes).reduce((sum, count) => sum + Number(count), 0)
  console.log(
    `scale-out: ${EVENTS} events, ${received} deliveries received, ${counts.filter((c) => c === '1').length} handler effects exactly once, ` +
      `outcomes ${JSON.stringify(outcomes)}, the holder of event ${heldEventId} killed with SIGKILL (pid ${holder.child.pid})`,
  )
  expect(counts.every((count) => count === '1')).toBe(true)
  expect(await effects()).toBe(EVENTS)
  expect(Number(outcomes.duplicate)).toBeGreaterThanOrEqual(RESENT)
  expect(Number(outcomes.failed)).toBeGreaterThanOrEqual(EVENTS / 10)
  expect(await client.get(`effect:${heldEventId}`)).toBe('1')
  const detail = await fe.webhooks.events.get(hook.id, heldEventId)
  expect(detail.status).toBe('SUCCESS')
  expect(detail.attempts.length).toBeGreaterThan(1)
}, 600_000)
