// The app built by `next build` and served by `next start` on a loopback port, as in production:
// the sandbox delivers every listed event type to the route handler, each is verified (the key
// fetched from the sandbox) and handled once; then the receiver check passes, the tampered delivery
// refused.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { listedEventTypes } from '@flexengage/webhooks/receiver'
import { testEvent } from '@flexengage/webhooks/testing'
import { checkReceiver, type Sandbox, startSandbox } from '@flexengage/webhooks-sandbox'
import { afterAll, beforeAll, expect, test } from 'vitest'

const appDir = fileURLToPath(new URL('..', import.meta.url))
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
// No telemetry: nothing this test starts talks to any host but this machine.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FLEXENGAGE_TRUST_LOCAL_SANDBOX: '1' }

let sandbox: Sandbox
let server: ChildProcess
let origin: string

/** `next start` on a free loopback port; resolves with the origin it prints once ready. */
async function nextStart(): Promise<string> {
  server = spawn(process.execPath, [nextBin, 'start', '--hostname', '127.0.0.1', '--port', '0'], {
    cwd: appDir,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let printed = ''
  for await (const chunk of server.stdout ?? []) {
    printed += chunk
    const local = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1]
    if (local && printed.includes('Ready')) return local
  }
  throw new Error(`next start ended before it was ready:\n${printed}`)
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: appDir, env, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}${build.stderr}`)
  origin = await nextStart()
  sandbox = await startSandbox()
})
afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill()
    await once(server, 'exit')
  }
  await sandbox?.close()
})

test('every listed event type the sandbox delivers is verified by the route handler and handled once', async () => {
  const fe = new FlexEngageWebhooks({
    brandId: 'ACME',
    token: sandbox.tokens[0] as string,
    baseUrl: sandbox.url,
  })
  await fe.webhooks.create({ endpoint: `${origin}/api/webhooks`, events: [...listedEventTypes] })
  const triggered = []
  for (const type of listedEventTypes)
    triggered.push(...(await sandbox.trigger('ACME', type, testEvent(type).data)))
  await sandbox.settled(triggered.map((event) => event.id))
  const handled = (await (await fetch(`${origin}/api/handled`)).json()) as string[]
  expect(handled.sort()).toEqual(triggered.map((event) => event.id).sort())
})

test('the receiver check passes: forged and tampered deliveries refused, the rest acknowledged', async () => {
  const check = await checkReceiver({ url: `${origin}/api/webhooks` })
  expect(check.cases.filter((row) => row.verdict === 'FAIL')).toEqual([])
  expect(check.cases.find((row) => row.id === 'tampered body')?.verdict).toBe('PASS')
})
