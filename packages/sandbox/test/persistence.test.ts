// --data FILE: state survives restarts; kill -9 during a burst loses no acknowledged event and leaves
// no corrupt attempt record; SIGTERM shuts down gracefully; a write the disk refuses is undone; one
// sandbox per file; a write appends, whatever the state's size; torn, damaged and old files.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { once } from 'node:events'
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '@flexengage/tools/free-port'
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { DELIVERY_STATUS } from '@flexengage/webhooks-types'
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
    attempts: [{ status: DELIVERY_STATUS.failed }],
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

  // Eight clients trigger without pause until the sandbox is gone; it is killed once 40 triggers are
  // acknowledged, so triggers are always in flight when the kill lands.
  const acknowledged: string[] = []
  let unanswered = 0
  let killed = false
  let n = 0
  const client = async () => {
    for (;;) {
      const result = await trigger(first, 'NOTIFICATION.X', { n: n++ }).catch(() => undefined)
      if (result?.status !== 202) {
        unanswered++
        return
      }
      acknowledged.push(...(result.body.events ?? []).map((e) => e.id))
      if (!killed && acknowledged.length >= 40) {
        killed = true
        first.child.kill('SIGKILL')
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, client))
  await exited(first.child)
  expect(killed).toBe(true)
  expect(acknowledged.length).toBeGreaterThanOrEqual(40)
  // The kill landed mid-burst: every client had a trigger that never got its acknowledgement.
  expect(unanswered).toBe(8)

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
        expect(Object.values(DELIVERY_STATUS)).toContain(attempt.status)
        expect(attempt.request.endpoint).toBe(receiver.endpoint)
      }
      if (detail.status !== DELIVERY_STATUS.delivered) pending++
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

/** Sets the largest file the process may write (bytes; undefined: no limit), as a full disk would. */
function limitFileSize(pid: number, bytes: number | undefined) {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${bytes ?? 'unlimited'}:unlimited`])
}

test('a write that cannot be saved is refused and undone: memory never holds what the answer refused', async () => {
  const dataFile = join(scratch, 'unwritable.journal')
  const port = await freePort()
  const sandbox = await spawnSandbox(dataFile, port)
  const fe = clientFor(sandbox)
  const kept = await fe.webhooks.create({ endpoint: 'http://127.0.0.1:9/kept', events: ['NOTIFICATION'] })
  const create = () =>
    fetch(`${sandbox.url}/v1/${BRAND}/webhooks`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'http://127.0.0.1:9/later', events: ['ORDER_EVENTS'] }),
    })
  // The disk stops taking writes: the file may not grow past what it holds now (EFBIG).
  limitFileSize(sandbox.child.pid as number, statSync(dataFile).size)
  const refused = await create()
  expect(refused.status).toBe(500)
  expect(await refused.json()).toMatchObject({
    description: expect.stringMatching(/could not save its state/),
  })
  expect((await fe.webhooks.list()).map((w) => w.id)).toEqual([kept.id])
  // The same request again is refused the same way, not as a duplicate (409).
  expect((await create()).status).toBe(500)
  expect((await trigger(sandbox, 'NOTIFICATION.X', {})).status).toBe(500)
  expect(await eventIds(fe, kept.id)).toEqual([])

  // Writable again: the same create is accepted, and the file holds exactly what was acknowledged.
  limitFileSize(sandbox.child.pid as number, undefined)
  const accepted = await create()
  expect(accepted.status).toBe(201)
  const later = (await accepted.json()) as { id: string }
  sandbox.child.kill('SIGTERM')
  expect(await exited(sandbox.child)).toBe(0)
  const restarted = await startSandbox({ dataFile })
  try {
    const again = clientFor(restarted)
    expect((await again.webhooks.list()).map((w) => w.id).sort()).toEqual([kept.id, later.id].sort())
    expect(await eventIds(again, kept.id)).toEqual([])
  } finally {
    await restarted.close()
  }
})

async function eventIds(fe: ReturnType<typeof clientFor>, webhookId: string): Promise<string[]> {
  const ids: string[] = []
  for await (const event of fe.webhooks.events.list(webhookId)) ids.push(event.id)
  return ids
}

test('a second sandbox on the same data file refuses to start, naming the file and the holder', async () => {
  const dataFile = join(scratch, 'locked.journal')
  const first = await startSandbox({ dataFile })
  try {
    const refusal = startSandbox({ dataFile })
    await expect(refusal).rejects.toThrow(dataFile)
    await expect(refusal).rejects.toThrow(`process ${process.pid}`)
  } finally {
    await first.close()
  }
  // Closed: the lock is released, and the next sandbox starts.
  const next = await startSandbox({ dataFile })
  await next.close()
})

test('a lock left by a sandbox that died is taken over', async () => {
  const dataFile = join(scratch, 'stale.journal')
  const port = await freePort()
  const crashed = await spawnSandbox(dataFile, port)
  crashed.child.kill('SIGKILL')
  await exited(crashed.child)
  expect(existsSync(`${dataFile}.lock`)).toBe(true)
  const next = await startSandbox({ dataFile })
  await next.close()
})

test('every brand is saved, __proto__ too', async () => {
  const dataFile = join(scratch, 'proto.journal')
  const brands = ['__proto__', 'constructor', BRAND]
  const first = await startSandbox({ dataFile })
  const created = new Map<string, string>()
  for (const brandId of brands) {
    const fe = new FlexEngageWebhooks({ brandId, token: 'sandbox-token', baseUrl: first.url })
    created.set(
      brandId,
      (await fe.webhooks.create({ endpoint: 'https://example.com/h', events: ['NOTIFICATION'] })).id,
    )
  }
  await first.close()
  const second = await startSandbox({ dataFile })
  try {
    for (const brandId of brands) {
      const fe = new FlexEngageWebhooks({ brandId, token: 'sandbox-token', baseUrl: second.url })
      expect((await fe.webhooks.list()).map((w) => w.id)).toEqual([created.get(brandId)])
    }
  } finally {
    await second.close()
  }
})

test("a one-field write appends one record, whatever the state's size", async () => {
  const dataFile = join(scratch, 'append.journal')
  const sandbox = await startSandbox({ dataFile })
  try {
    const fe = clientFor(sandbox)
    const hook = await fe.webhooks.create({ endpoint: 'https://example.com/h', events: ['NOTIFICATION'] })
    for (let i = 0; i < 500; i++)
      sandbox.mock.seedEvent(BRAND, hook.id, { type: 'NOTIFICATION.X', data: { filler: 'x'.repeat(1000) } })
    await fe.webhooks.disable(hook.id)
    const before = statSync(dataFile).size
    await fe.webhooks.enable(hook.id)
    const grown = statSync(dataFile).size - before
    // The webhook's record alone, not the 500 events beside it.
    expect(grown).toBeGreaterThan(0)
    expect(grown).toBeLessThan(1024)
    expect(before).toBeGreaterThan(500 * 1000)
  } finally {
    await sandbox.close()
  }
})

test('a torn last record (a crash mid-append) is dropped; a damaged one names the file and line', async () => {
  const dataFile = join(scratch, 'torn.journal')
  const first = await startSandbox({ dataFile })
  const hook = await clientFor(first).webhooks.create({
    endpoint: 'https://example.com/h',
    events: ['NOTIFICATION'],
  })
  await first.close()
  appendFileSync(dataFile, '{"kind":"webhook","brandId":"ACME","webhook":{"id":"torn')
  const second = await startSandbox({ dataFile })
  try {
    expect((await clientFor(second).webhooks.list()).map((w) => w.id)).toEqual([hook.id])
    // The next write starts on a line of its own.
    await clientFor(second).webhooks.disable(hook.id)
  } finally {
    await second.close()
  }
  const third = await startSandbox({ dataFile })
  expect((await clientFor(third).webhooks.get(hook.id)).enabled).toBe(false)
  await third.close()

  const lines = readFileSync(dataFile, 'utf8').split('\n')
  lines.splice(1, 0, 'not json')
  writeFileSync(dataFile, lines.join('\n'))
  await expect(startSandbox({ dataFile })).rejects.toThrow(`${dataFile}:2: not a journal record`)
})

test('a state file of the previous format is read and rewritten as a journal; a failed rewrite leaves no temp file', async () => {
  const dataFile = join(scratch, 'v1.json')
  const source = await startSandbox()
  const hook = await clientFor(source).webhooks.create({
    endpoint: 'https://example.com/h',
    events: ['NOTIFICATION'],
  })
  const event = source.mock.seedEvent(BRAND, hook.id, {
    type: 'NOTIFICATION.X',
    attempts: [{ status: DELIVERY_STATUS.failed }],
  })
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  // Version 1: one JSON object with brands keyed by id, rewritten whole on every save.
  const v1 = {
    version: 1,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    snapshot: {
      brands: {
        [BRAND]: { webhooks: [hook], events: { [hook.id]: source.mock.store.events(BRAND, hook.id) } },
      },
    },
    schedule: [],
  }
  await source.close()
  writeFileSync(dataFile, JSON.stringify(v1))

  // A disk too full to take the rewrite (no file may grow past 1 KiB, less than the key alone):
  // start-up fails naming the file, and leaves no temp file.
  const full = spawnSync(
    'prlimit',
    ['--fsize=1024', process.execPath, cli, 'start', '--port', '0', '--data', dataFile],
    {
      encoding: 'utf8',
      // A safety net for a broken build only: the start-up fails at once.
      timeout: 60_000,
    },
  )
  expect(full.status).toBe(1)
  expect(full.stderr).toContain(dataFile)
  expect(readdirSync(scratch).filter((name) => name.startsWith('v1.json.') && name.endsWith('.tmp'))).toEqual(
    [],
  )
  expect(JSON.parse(readFileSync(dataFile, 'utf8'))).toEqual(v1)

  const migrated = await startSandbox({ dataFile })
  try {
    const fe = clientFor(migrated)
    expect((await fe.webhooks.get(hook.id)).endpoint).toBe('https://example.com/h')
    expect((await fe.webhooks.events.get(hook.id, event.id)).attempts).toHaveLength(1)
  } finally {
    await migrated.close()
  }
  expect(readFileSync(dataFile, 'utf8')).toMatch(/^\{"journal":"flexengage-sandbox-journal"/)
})
