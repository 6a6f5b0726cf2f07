// The Worker, bundled as wrangler would ship it, runs in workerd (Miniflare) on a loopback port: the
// sandbox delivers every listed event type to it, each is verified (the key fetched from the sandbox)
// and handled once; then the receiver check passes.
import { existsSync } from 'node:fs'
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { listedEventTypes } from '@flexengage/webhooks/receiver'
import { testEvent } from '@flexengage/webhooks/testing'
import { checkReceiver, type Sandbox, startSandbox } from '@flexengage/webhooks-sandbox'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, expect, test } from 'vitest'

// Inside the toolkit's repository the bundle takes the toolkit from its sources, as vitest does.
const inToolkitRepository = existsSync(new URL('../../pnpm-workspace.yaml', import.meta.url))

let sandbox: Sandbox
let worker: Miniflare
let origin: string

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [new URL('../src/worker.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: [
      ...(inToolkitRepository ? ['@flexengage/source'] : []),
      'workerd',
      'worker',
      'browser',
      'import',
    ],
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'error',
  })
  worker = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]?.text ?? '',
    compatibilityDate: '2025-07-01',
    bindings: { TRUST_LOCAL_SANDBOX: '1' },
    host: '127.0.0.1',
    port: 0,
    // Miniflare would fetch request.cf data from workers.cloudflare.com (it skips that only under
    // NODE_ENV=test): nothing this test starts talks to any host but this machine.
    cf: false,
  })
  origin = (await worker.ready).origin
  sandbox = await startSandbox()
})
afterAll(async () => {
  await worker?.dispose()
  await sandbox?.close()
})

test('every listed event type the sandbox delivers is verified in workerd and handled once', async () => {
  const fe = new FlexEngageWebhooks({
    brandId: 'ACME',
    token: sandbox.tokens[0] as string,
    baseUrl: sandbox.url,
  })
  await fe.webhooks.create({ endpoint: `${origin}/webhooks`, events: [...listedEventTypes] })
  const triggered = []
  for (const type of listedEventTypes)
    triggered.push(...(await sandbox.trigger('ACME', type, testEvent(type).data)))
  await sandbox.settled(triggered.map((event) => event.id))
  const handled = (await (await fetch(`${origin}/handled`)).json()) as string[]
  expect(handled.sort()).toEqual(triggered.map((event) => event.id).sort())
})

test('the receiver check passes: forged and tampered deliveries refused, the rest acknowledged', async () => {
  const check = await checkReceiver({ url: `${origin}/webhooks` })
  expect(check.cases.filter((row) => row.verdict === 'FAIL')).toEqual([])
  expect(check.cases.find((row) => row.id === 'tampered body')?.verdict).toBe('PASS')
})
