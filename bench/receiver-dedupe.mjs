#!/usr/bin/env node
// Verified deliveries per second through createReceiver with the Redis dedupe store (a real
// redis-server on loopback) beside the in-memory store, same deliveries, same run.
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import { startRedisServer } from '@flexengage/tools/redis-server'
import {
  createMemoryDedupeStore,
  createReceiver,
  importPrivateKeyPem,
  signDelivery,
} from '@flexengage/webhooks/receiver'
import { createRedisDedupeStore } from '@flexengage/webhooks-redis'
import { createClient } from 'redis'
import { writeResults } from './results.mjs'

const DELIVERIES = 5_000
const CONCURRENCY = 16
// Alternating rounds, best of each: neither store profits from running after the other warmed up.
const ROUNDS = 3

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const signer = await importPrivateKeyPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
// Distinct events, signed once up front: each store sees every event for the first time.
const deliveries = await Promise.all(
  Array.from({ length: DELIVERIES * ROUNDS * 2 }, () =>
    signDelivery({
      envelope: {
        id: randomUUID(),
        brandId: 'ACME',
        webhookId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        attemptId: randomUUID(),
        created: new Date().toISOString(),
        type: 'NOTIFICATION.SMS.RECEIPT',
        data: { phoneNumber: '+15555550123', message: 'Your receipt is ready', locale: 'en-US' },
      },
      privateKey: signer,
      keyUrl: 'https://assets.webhooks.flexengage.com/keys/k.pem',
    }),
  ),
)

let batch = 0
async function perSecond(dedupe) {
  const receiver = createReceiver({ dedupe, keyResolver: async () => pem, on: { '*': () => undefined } })
  const mine = deliveries.slice(batch * DELIVERIES, ++batch * DELIVERIES)
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < DELIVERIES) {
        const result = await receiver.receive(mine[next++])
        if (result.outcome !== 'handled') throw new Error(`expected handled, got ${result.outcome}`)
      }
    }),
  )
  return DELIVERIES / ((performance.now() - started) / 1000)
}

const redis = await startRedisServer()
const client = await createClient({ url: redis.url }).connect()
const memoryStore = createMemoryDedupeStore({ capacity: DELIVERIES * ROUNDS * 2 })
const redisStore = createRedisDedupeStore({ client })
const rates = { memory: [], redis: [] }
for (let round = 0; round < ROUNDS; round++) {
  rates.memory.push(await perSecond(memoryStore))
  rates.redis.push(await perSecond(redisStore))
}
const memoryRate = Math.max(...rates.memory)
const redisRate = Math.max(...rates.redis)
client.destroy()
await redis.stop()

const row = {
  figure: 'verified deliveries/s through createReceiver, Redis dedupe store',
  project: redisRate,
  peer: memoryRate,
  peerName: 'the in-memory dedupe store, same deliveries',
  target: '>= 0.5x',
  higherIsBetter: true,
}
console.table([
  {
    figure: row.figure,
    redis: redisRate.toFixed(0),
    memory: memoryRate.toFixed(0),
    ratio: (redisRate / memoryRate).toFixed(2),
  },
])
writeResults('receiver-dedupe', [row])
