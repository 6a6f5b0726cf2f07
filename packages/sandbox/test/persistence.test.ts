// --data FILE: state survives restarts; kill -9 during a burst loses no acknowledged event and leaves
// no corrupt attempt record; SIGTERM shuts down gracefully.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '@flexengage/tools/prism'
import { afterAll, expect, test } from 'vitest'
import { startSandbox } from '../src/index.js'
import { BRAND, clientFor, eventually, startReceiver, trigger } from './helpers.js'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'sandbox-persistence-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(scratch, { recursive: true, force: true })
})

/** Resolves with the exit code, also when the child has already exited. */
function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return once(child, 'exit').then(([code]) => code as number | null)
}

async function spawnSandbox(dataFile: string, port: number) {
  const child = spawn(
    process.execPath,
    [cli, 'start', '--port', String(port), '--data', dataFile, '--first-retry-delay-ms', '50'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  children.push(child)
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const url = `http://127.0.0.1:${port}`
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`sandbox exited: ${output}`)
    return fetch(`${url}/_sandbox/health`).then(
      (r) => r.ok,
      () => false,
    )
  })
  return { child, url, output: () => output }
}

test('state and the signing key survive a restart', async () => {
  const dataFile = join(scratch, 'restart.json')
  const first = await startSandbox({ dataFile })
  const fe = clientFor(first)
  const hook = await fe.webhooks.create({ endpoint: 'https://example.com/h', events: ['NOTIFICATION'] })
  const event = first.mock.seedEvent(BRAND, hook.id, {
    type: 'NOTIFICATION.X',
    attempts: [{ status: 'FAILURE' }],
  })
  const keyId = first.keyUrl.split('/').at(-1)
  await first.close()

  const second = await startSandbox({ dataFile })
  try {
    const again = clientFor(second)
    expect((await again.webhooks.get(hook.id)).endpoint).toBe('https://example.com/h')
    expect((await again.webhooks.events.get(hook.id, event.id)).attempts).toHaveLength(1)
    expect(second.keyUrl.split('/').at(-1)).toBe(keyId)
  } finally {
    await second.close()
  }
})

test('kill -9 during a burst of deliveries: no acknowledged event lost, no attempt record corrupt', async () => {
  const dataFile = join(scratch, 'burst.json')
  const receiver = await startReceiver()
  const port = await freePort()
  const first = await spawnSandbox(dataFile, port)
  const fe = clientFor(first)
  const hook = await fe.webhooks.create({ endpoint: receiver.endpoint, events: ['NOTIFICATION'] })

  const acknowledged: string[] = []
  let killed = false
  const burst = Array.from({ length: 120 }, async (_, i) => {
    const result = await trigger(first, 'NOTIFICATION.X', { n: i }).catch(() => undefined)
    if (result?.status === 202) acknowledged.push(...(result.body.events ?? []).map((e) => e.id))
    if (!killed && acknowledged.length >= 40) {
      killed = true
      first.child.kill('SIGKILL')
    }
  })
  await Promise.all(burst)
  await exited(first.child)
  expect(killed).toBe(true)
  expect(acknowledged.length).toBeGreaterThanOrEqual(40)
  // The kill really landed mid-burst: some triggers never got their acknowledgement.
  expect(acknowledged.length).toBeLessThan(120)

  const second = await spawnSandbox(dataFile, port)
  const after = clientFor(second)
  const stored = new Map<string, string>()
  for await (const event of after.webhooks.events.list(hook.id, { pageSize: 100 }))
    stored.set(event.id, event.status)
  for (const id of acknowledged) expect(stored.has(id), `acknowledged event ${id} lost`).toBe(true)

  // Every attempt record is complete and valid (the sandbox validates each response against the spec).
  await eventually(async () => {
    let pending = 0
    for (const id of acknowledged) {
      const detail = await after.webhooks.events.get(hook.id, id)
      for (const attempt of detail.attempts) {
        expect(['SUCCESS', 'FAILURE', 'PENDING']).toContain(attempt.status)
        expect(attempt.request.endpoint).toBe(receiver.endpoint)
      }
      if (detail.status !== 'SUCCESS') pending++
    }
    return pending === 0
  }, 30_000)
  // After the restart every acknowledged event was delivered.
  const delivered = new Set(receiver.handled.map((e) => e.id))
  for (const id of acknowledged) expect(delivered.has(id)).toBe(true)

  // A trigger whose data is nested 5,000 levels deep is refused (422) and blocks nothing: the next
  // write is acknowledged and saved, and SIGTERM still exits 0.
  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
  const refused = await fetch(`${second.url}/_sandbox/v1/${BRAND}/events`, {
    method: 'POST',
    headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
    body: `{"type":"NOTIFICATION.X","data":${deep}}`,
  })
  expect(refused.status).toBe(422)
  const afterDeep = await after.webhooks.create({
    endpoint: 'http://127.0.0.1:9/after-deep',
    events: ['ORDER_EVENTS'],
  })
  second.child.kill('SIGTERM')
  expect(await exited(second.child)).toBe(0)
  const third = await startSandbox({ dataFile })
  try {
    expect((await clientFor(third).webhooks.get(afterDeep.id)).endpoint).toBe('http://127.0.0.1:9/after-deep')
  } finally {
    await third.close()
  }
  expect(second.output()).toContain('SIGTERM: finishing in-flight deliveries and saving state')
  await receiver.close()
})

test('a write that cannot be saved is refused and undone: memory never holds what the answer refused', async () => {
  const dataFile = join(scratch, 'unwritable.json')
  const sandbox = await startSandbox({ dataFile })
  const fe = clientFor(sandbox)
  const kept = await fe.webhooks.create({ endpoint: 'http://127.0.0.1:9/kept', events: ['NOTIFICATION'] })
  const create = () =>
    fetch(`${sandbox.url}/v1/${BRAND}/webhooks`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'http://127.0.0.1:9/later', events: ['ORDER_EVENTS'] }),
    })
  // The disk stops taking writes: a directory now stands where each save writes its temporary file.
  const blocker = `${dataFile}.${process.pid}.tmp`
  mkdirSync(blocker)
  const refused = await create()
  expect(refused.status).toBe(500)
  expect(await refused.json()).toMatchObject({
    description: expect.stringMatching(/could not save its state/),
  })
  expect((await fe.webhooks.list()).map((w) => w.id)).toEqual([kept.id])
  // The same request again is refused the same way, not as a duplicate (409).
  expect((await create()).status).toBe(500)
  const triggered = await trigger(sandbox, 'NOTIFICATION.X')
  expect(triggered.status).toBe(500)
  expect(sandbox.mock.store.events(BRAND, kept.id)).toEqual([])
  expect(sandbox.deliverer.pending).toBe(0)

  // Writable again: the same create is accepted, and the file holds exactly what was acknowledged.
  rmSync(blocker, { recursive: true })
  const accepted = await create()
  expect(accepted.status).toBe(201)
  const later = (await accepted.json()) as { id: string }
  await sandbox.close()
  const restarted = await startSandbox({ dataFile })
  try {
    const ids = (await clientFor(restarted).webhooks.list()).map((w) => w.id).sort()
    expect(ids).toEqual([kept.id, later.id].sort())
    expect(restarted.mock.store.events(BRAND, kept.id)).toEqual([])
  } finally {
    await restarted.close()
  }
})
