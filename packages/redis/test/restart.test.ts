// A Redis killed with SIGKILL mid-stream and restarted, then every delivery sent again (flexEngage
// redelivers what it has no answer for): without persistence the done marks of the events handled
// before the crash are gone, and their handlers run again; with an append-only file fsynced on every
// write (`appendfsync always`, as the README shows) none runs twice.
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRedisServer } from '@flexengage/tools/redis-server'
import { sampleEnvelope } from '@flexengage/tools/samples'
import {
  createReceiver,
  FLEXENGAGE_KEY_HOSTS,
  importPrivateKeyPem,
  signDelivery,
} from '@flexengage/webhooks/receiver'
import { createClient } from 'redis'
import { afterAll, expect, test } from 'vitest'
import { createRedisDedupeStore } from '../src/index.js'

const EVENTS = 200
const BEFORE_THE_CRASH = 50
const scratch = mkdtempSync(join(tmpdir(), 'redis-restart-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const signingKey = importPrivateKeyPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())
const eventIds = Array.from({ length: EVENTS }, () => randomUUID())

/** A delivery of the event, as another attempt of it. */
async function delivery(eventId: string) {
  return signDelivery({
    envelope: sampleEnvelope({ id: eventId, attemptId: randomUUID() }),
    privateKey: await signingKey,
    keyUrl: `https://${FLEXENGAGE_KEY_HOSTS[0]}/keys/test.pem`,
  })
}

/** Handles the first events, kills Redis, restarts it, sends every event again: runs per event. */
async function crashMidStream(appendOnlyDir: string | undefined): Promise<Map<string, number>> {
  const before = await startRedisServer({ appendOnlyDir })
  const client = await createClient({ url: before.url })
    .on('error', () => undefined)
    .connect()
  const runs = new Map<string, number>()
  const receiver = createReceiver({
    on: { '*': (event) => void runs.set(event.id, (runs.get(event.id) ?? 0) + 1) },
    dedupe: createRedisDedupeStore({ client }),
    keyResolver: async () => publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  })
  for (const id of eventIds.slice(0, BEFORE_THE_CRASH))
    expect((await receiver.receive(await delivery(id))).outcome).toBe('handled')
  await before.kill()
  const after = await startRedisServer({ port: before.port, appendOnlyDir })
  try {
    // The client reconnects by itself; wait for it rather than for a time.
    while ((await client.ping().catch(() => 'not yet')) !== 'PONG')
      await new Promise((resolve) => setTimeout(resolve, 20))
    for (const id of eventIds) expect((await receiver.receive(await delivery(id))).status).toBe(200)
  } finally {
    client.destroy()
    await after.stop()
  }
  return runs
}

const ranTwice = (runs: Map<string, number>) => [...runs.values()].filter((count) => count > 1).length

test('without persistence, the events handled before the crash run again', async () => {
  const runs = await crashMidStream(undefined)
  expect(runs.size).toBe(EVENTS)
  expect(ranTwice(runs)).toBe(BEFORE_THE_CRASH)
})

test('with appendfsync always, no event runs twice', async () => {
  const runs = await crashMidStream(mkdtempSync(join(scratch, 'aof-')))
  expect(runs.size).toBe(EVENTS)
  expect(ranTwice(runs)).toBe(0)
})
