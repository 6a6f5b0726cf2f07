// The Redis store against a real redis-server: leases shared by several stores (as by several
// processes), a lease that ends on its own, a late release that cannot end another's lease, the
// retention of done marks, and a Redis that is gone; with each client package the store takes.

import { generateKeyPairSync } from 'node:crypto'
import { startRedisServer } from '@flexengage/tools/redis-server'
import { sampleEnvelope } from '@flexengage/tools/samples'
import {
  createReceiver,
  type DedupeClaim,
  FLEXENGAGE_KEY_HOSTS,
  importPrivateKeyPem,
  signDelivery,
} from '@flexengage/webhooks/receiver'
import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createRedisDedupeStore, type RedisClient } from '../src/index.js'

interface ClientPackage {
  /** A connected client; `retry: false` gives up at once on a lost server, as a test of that needs. */
  connect(url: string, options?: { retry: false }): Promise<RedisClient>
  disconnect(client: RedisClient): void
}

const clientPackages: Record<string, ClientPackage> = {
  redis: {
    connect: (url, options) =>
      createClient({ url, socket: options ? { reconnectStrategy: false } : {} })
        .on('error', () => undefined)
        .connect(),
    disconnect: (client) => (client as Awaited<ReturnType<typeof connectInspector>>).destroy(),
  },
  ioredis: {
    async connect(url, options) {
      const client = new Redis(url, {
        lazyConnect: true,
        ...(options ? { retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false } : {}),
      })
      client.on('error', () => undefined)
      await client.connect()
      return client
    },
    disconnect: (client) => (client as Redis).disconnect(),
  },
}

let redis: Awaited<ReturnType<typeof startRedisServer>>
// The test's own view of Redis, to read TTLs and values behind the store.
const connectInspector = (url: string) => createClient({ url }).connect()
let inspector: Awaited<ReturnType<typeof connectInspector>>
beforeAll(async () => {
  redis = await startRedisServer()
  inspector = await connectInspector(redis.url)
})
afterAll(async () => {
  inspector.destroy()
  await redis.stop()
})

let next = 0
const eventId = () => `event-${++next}`

/** The lease of a claim that must have been taken. */
function leaseOf(claim: DedupeClaim): string {
  if (claim.outcome !== 'claimed') throw new Error(`not claimed: ${claim.outcome}`)
  return claim.lease
}

/** Waits until Redis has expired the key (a safety deadline only). */
async function expired(key: string) {
  const deadline = Date.now() + 120_000
  while ((await inspector.pTTL(key)) !== -2) {
    if (Date.now() > deadline) throw new Error(`${key} never expired`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe.each(Object.entries(clientPackages))(
  'leases shared through Redis, with %s',
  (_name, clientPackage) => {
    let client: RedisClient
    beforeAll(async () => {
      client = await clientPackage.connect(redis.url)
    })
    afterAll(() => clientPackage.disconnect(client))

    test('one claim wins; the others see it in progress, then done', async () => {
      const [a, b] = [createRedisDedupeStore({ client }), createRedisDedupeStore({ client })]
      const id = eventId()
      const claims = await Promise.all([a.claim(id), b.claim(id), a.claim(id), b.claim(id)])
      const won = claims.findIndex((claim) => claim.outcome === 'claimed')
      expect(claims.filter((claim) => claim.outcome === 'claimed')).toHaveLength(1)
      expect(claims.filter((claim) => claim.outcome === 'in-progress')).toHaveLength(3)
      await (won % 2 === 0 ? a : b).complete(id, leaseOf(claims[won] as DedupeClaim))
      expect([(await a.claim(id)).outcome, (await b.claim(id)).outcome]).toEqual(['done', 'done'])
    })

    test('a failed handler releases at once: the next delivery claims', async () => {
      const store = createRedisDedupeStore({ client })
      const id = eventId()
      await store.release(id, leaseOf(await store.claim(id)))
      expect((await store.claim(id)).outcome).toBe('claimed')
    })

    test('in one process: a lease that expired and was taken over is not ended by its first holder’s late release', async () => {
      const store = createRedisDedupeStore({ client, leaseMs: 50 })
      const id = eventId()
      const first = leaseOf(await store.claim(id))
      await expired(`flexengage:dedupe:${id}`)
      leaseOf(await store.claim(id))
      await store.release(id, first)
      expect((await store.claim(id)).outcome).toBe('in-progress')
    })

    test('a lease whose holder died ends by itself, and its late release cannot end the next holder’s', async () => {
      const [dead, alive] = [
        createRedisDedupeStore({ client, leaseMs: 50 }),
        createRedisDedupeStore({ client, leaseMs: 60_000 }),
      ]
      const id = eventId()
      const deadLease = leaseOf(await dead.claim(id))
      await expired(`flexengage:dedupe:${id}`)
      leaseOf(await alive.claim(id))
      await dead.release(id, deadLease)
      expect((await dead.claim(id)).outcome).toBe('in-progress')
    })

    test('done is kept for the retention, under the key prefix', async () => {
      const store = createRedisDedupeStore({ client, keyPrefix: 'test:', retentionMs: 30_000 })
      const id = eventId()
      await store.complete(id, leaseOf(await store.claim(id)))
      const ttl = await inspector.pTTL(`test:${id}`)
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(30_000)
      expect(await inspector.get(`test:${id}`)).toBe('done')
    })
  },
)

describe.each(Object.entries(clientPackages))('a Redis that is gone, with %s', (_name, clientPackage) => {
  test('the receiver answers 503 and never runs the handler without a claim', async () => {
    const gone = await startRedisServer()
    const offline = await clientPackage.connect(gone.url, { retry: false })
    await gone.stop()
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const delivery = await signDelivery({
      envelope: sampleEnvelope({ id: eventId(), attemptId: 'attempt-1' }),
      privateKey: await importPrivateKeyPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      keyUrl: `https://${FLEXENGAGE_KEY_HOSTS[0]}/keys/test.pem`,
    })
    let runs = 0
    const receiver = createReceiver({
      on: { '*': () => void runs++ },
      dedupe: createRedisDedupeStore({ client: offline, timeoutMs: 1_000 }),
      keyResolver: async () => publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    })
    const result = await receiver.receive(delivery)
    expect([result.status, result.outcome, JSON.parse(result.body).error]).toEqual([
      503,
      'unavailable',
      'dedupe_unavailable',
    ])
    expect(runs).toBe(0)
    clientPackage.disconnect(offline)
  })
})

describe('a Redis that never answers', () => {
  test('a command that gets no answer fails after timeoutMs instead of holding the delivery', async () => {
    const never = () => new Promise<never>(() => undefined)
    const silent = { sendCommand: never, call: never }
    const store = createRedisDedupeStore({ client: silent, timeoutMs: 50 })
    await expect(store.claim(eventId())).rejects.toThrow('Redis did not answer within 50 ms')
  })

  test('a command that gets no answer fails on time although the ones around it were answered', async () => {
    let commands = 0
    // The second command is never answered; every other one is, at once.
    const client = {
      sendCommand: () => (++commands === 2 ? new Promise<never>(() => undefined) : Promise.resolve('OK')),
    }
    const store = createRedisDedupeStore({ client, timeoutMs: 50 })
    const [first, second, third] = await Promise.allSettled([
      store.claim(eventId()),
      store.claim(eventId()),
      store.claim(eventId()),
    ])
    expect([first.status, second.status, third.status]).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((second as PromiseRejectedResult).reason.message).toBe('Redis did not answer within 50 ms')
  })
})
