#!/usr/bin/env node
// Usage: node tools/check-runtimes.mjs
// The packed tarballs, installed outside the workspace with MSW 3 and Miniflare, run where users
// run them beyond the Node the tests use: MSW 3's setupServer on Node 24 (MSW 3 needs >= 22.12), and
// receiver.fetch inside workerd (Cloudflare's runtime, local through Miniflare, no account, no
// network: the key comes from a loopback key server through `trustLocalSandbox`). Prints a table.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { installPackedPackages } from './check-consumer.mjs'
import { nodeBinary } from './node-binaries.mjs'

const MSW_3 = '3.0.5'
const MINIFLARE_4 = '4.20260730.0'

const MSW3_SMOKE = `
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { createFlexEngageMock } from '@flexengage/webhooks-mock-handlers'
import { createHandlers } from '@flexengage/webhooks-mock-handlers/msw'
import { setupServer } from 'msw/node'

const mock = createFlexEngageMock({ seed: 1 })
const server = setupServer(...createHandlers(mock))
server.listen({ onUnhandledRequest: 'error' })
try {
  const fe = new FlexEngageWebhooks({ brandId: 'ACME', token: 'runtime' })
  const created = await fe.webhooks.create({ endpoint: 'https://example.com/msw3', events: ['NOTIFICATION'] })
  const read = await fe.webhooks.get(created.id)
  if (read.endpoint !== 'https://example.com/msw3' || mock.store.findWebhook('ACME', created.id) === undefined) {
    throw new Error('msw 3: the mock did not answer as the spec says')
  }
  console.log('created and read a webhook through setupServer')
} finally {
  server.close()
}
`

const WORKER = `
import { createReceiver } from '@flexengage/webhooks/receiver'

const receiver = createReceiver({ trustLocalSandbox: true, on: { '*': () => undefined } })
export default { fetch: (request) => receiver.fetch(request) }
`

const WORKERD_SMOKE = `
import { once } from 'node:events'
import { generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
import { importPrivateKeyPem, signDelivery } from '@flexengage/webhooks/receiver'
import { Miniflare } from 'miniflare'

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const keyServer = createServer((_request, response) =>
  response.end(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
)
keyServer.listen(0, '127.0.0.1')
await once(keyServer, 'listening')
const { body, headers } = await signDelivery({
  envelope: {
    id: '01F2SFVYVD0H873S2VRT8VQSPM',
    brandId: 'ACME',
    webhookId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    attemptId: '01F2SFW1B6YQ7ZK9N3V8C2D4EH',
    created: new Date().toISOString(),
    type: 'NOTIFICATION.SMS.RECEIPT',
    data: { phoneNumber: '+15555550123', message: 'Your receipt', locale: 'en-US' },
  },
  privateKey: await importPrivateKeyPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
  keyUrl: \`http://127.0.0.1:\${keyServer.address().port}/key.pem\`,
})
const mf = new Miniflare({ modules: true, script: readFileSync('worker.bundle.js', 'utf8'), compatibilityDate: '2025-09-01' })
try {
  const deliver = (bytes) => mf.dispatchFetch('http://worker/hooks', { method: 'POST', headers, body: bytes })
  const valid = await deliver(body)
  const tampered = await deliver(new TextEncoder().encode(new TextDecoder().decode(body).replace('Your receipt', 'Your refund')))
  const refused = await tampered.json()
  if (valid.status !== 200 || tampered.status !== 400 || refused.error !== 'signature_mismatch') {
    throw new Error(\`workerd: valid \${valid.status}, tampered \${tampered.status} \${JSON.stringify(refused)}\`)
  }
  console.log('a signed delivery verified (200), a tampered one refused (400 signature_mismatch)')
} finally {
  await mf.dispose()
  keyServer.close()
}
`

function runIn(app, command, args) {
  const started = performance.now()
  const result = spawnSync(command, args, { cwd: app, encoding: 'utf8' })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} failed:\n${result.stdout}${result.stderr}`)
  }
  return { said: result.stdout.trim().split('\n').at(-1), seconds }
}

const started = performance.now()
const root = mkdtempSync(join(tmpdir(), 'flexengage-runtimes-'))
try {
  const node24 = nodeBinary(24)
  // MSW 3 and Miniflare declare Node >= 22: they run on the Node 24 binary, not the one installing.
  const app = await installPackedPackages(
    root,
    { msw: MSW_3, miniflare: MINIFLARE_4 },
    { engineStrict: false },
  )
  const version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim()
  // What npm really installed beside the tarballs (the peer ranges must have let it).
  const installed = (name) =>
    `${name} ${JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version}`
  writeFileSync(join(app, 'msw3.mjs'), MSW3_SMOKE)
  writeFileSync(join(app, 'worker.mjs'), WORKER)
  writeFileSync(join(app, 'workerd.mjs'), WORKERD_SMOKE)
  // The worker as wrangler would ship it: one ES module, bundled with the worker conditions.
  const { build } = await import('esbuild')
  await build({
    absWorkingDir: app,
    entryPoints: ['worker.mjs'],
    outfile: join(app, 'worker.bundle.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser', 'import'],
    logLevel: 'error',
  })
  const rows = [
    {
      runtime: `Node ${version}`,
      package: 'mock-handlers/msw + webhooks',
      with: installed('msw'),
      ...runIn(app, node24, ['msw3.mjs']),
    },
    {
      runtime: 'workerd (Miniflare)',
      package: 'webhooks/receiver',
      with: installed('miniflare'),
      ...runIn(app, node24, ['workerd.mjs']),
    },
  ]
  console.table(rows)
  console.log(
    `check-runtimes: ${rows.length} runtimes green in ${((performance.now() - started) / 1000).toFixed(1)} s (install included)`,
  )
} catch (error) {
  console.error(`check-runtimes: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  rmSync(root, { recursive: true, force: true })
}
