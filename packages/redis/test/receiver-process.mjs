// One receiver process of the scale-out test: a real HTTP server verifying sandbox deliveries, with
// the Redis dedupe store. Its handler's effect is an INCR in Redis, so the test can count effects.
// Env: REDIS_URL, STORE_CLIENT (the package the store talks through: redis or ioredis), LEASE_MS, FAIL_EVERY (the first attempt of every Nth event fails), HOLD_EVENT_N
// (the first process to get that event holds it forever, for the test to kill).
import { once } from 'node:events'
import { createServer } from 'node:http'
import { createReceiver } from '@flexengage/webhooks/receiver'
import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { createRedisDedupeStore } from '../dist/index.js'

// The test's counters go through node-redis; the store through the client package it was given.
const client = await createClient({ url: process.env.REDIS_URL }).connect()
const storeClient = process.env.STORE_CLIENT === 'ioredis' ? new Redis(process.env.REDIS_URL) : client
const failEvery = Number(process.env.FAIL_EVERY)
const holdN = Number(process.env.HOLD_EVENT_N)

// Once holding, every later handler waits too, and "holding" is printed only when no handler of this
// process is between its effect and its done mark: the kill then lands where only leases are lost.
let holding = false
let effectsUnacknowledged = 0
const never = new Promise(() => undefined)
const afterEffect = new Set()

const receiver = createReceiver({
  trustLocalSandbox: true,
  dedupe: createRedisDedupeStore({ client: storeClient, leaseMs: Number(process.env.LEASE_MS) }),
  on: {},
  unlisted: {
    '*': async (event, context) => {
      if (holding) await never
      const { n } = event.data
      if (n % failEvery === 0 && (await client.incr(`fail:${event.id}`)) === 1)
        throw new Error('forced failure')
      if (n === holdN && (await client.set('held', event.id, { condition: 'NX' })) === 'OK') {
        holding = true
        while (effectsUnacknowledged > 0) await new Promise((resolve) => setTimeout(resolve, 1))
        console.log(`holding ${event.id}`)
        await never
      }
      if (holding) await never
      // Counted before the effect is sent, so a hold can never miss an effect already on its way.
      effectsUnacknowledged++
      afterEffect.add(context.attemptId)
      await client.incr(`effect:${event.id}`)
    },
  },
})

const server = createServer(async (request, response) => {
  const chunks = []
  for await (const chunk of request) chunks.push(chunk)
  const result = await receiver.receive({ body: Buffer.concat(chunks), headers: request.headers })
  await client.hIncrBy('outcomes', result.outcome, 1)
  if (result.event && afterEffect.delete(result.event.attemptId)) effectsUnacknowledged--
  response.writeHead(result.status, { 'content-type': 'application/json' }).end(result.body)
})
server.listen(0, '127.0.0.1')
await once(server, 'listening')
console.log(`listening ${server.address().port}`)
