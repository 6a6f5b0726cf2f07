#!/usr/bin/env node
// Usage: node tools/check-runtimes.mjs
// The runtime matrix, on the packed tarballs installed outside the workspace, each runtime running a
// smoke script native to it, every binary from the npm registry (cached, see runtime-binaries.mjs):
// - Node 20, 22, 24, 26 (the running Node for its own major): ESM and CJS, the client against a real sandbox, the sandbox's
//   signed delivery verified through `receiver.node`, a tampered one refused; both CLIs.
// - Bun and Deno: `receiver.fetch` under Bun.serve / Deno.serve verifying a signed delivery (key
//   served over loopback) and refusing a tampered one; the client against the mock.
// - workerd (Miniflare): `receiver.fetch` inside Cloudflare's runtime, same two deliveries.
// - MSW 3 (Node >= 22.12): setupServer with the mock's handlers, and the MSW adapter's own test
//   suite run again with MSW 3 in place of the workspace's MSW 2.
// Prints the table and the time it took.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { installPackedPackages } from './check-consumer.mjs'
import { repoRoot } from './paths.mjs'
import { cachedInstall, nodeBinary, runtimeBinary } from './runtime-binaries.mjs'
import { sampleEnvelope } from './samples.mjs'

// Every Node major consumers may run; the running Node stands in for its own major.
const NODE_MAJORS = [20, 22, 24, 26]
const BUN = '1.4.5'
const DENO = '2.9.6'
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

// A tampered delivery: the same signature headers over a body that names another brand.
const TAMPER = `const tamper = (bytes) =>
  new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(bytes)), brandId: 'TAMPERED' }))`

// One flow for ESM and CJS: only how the packages are loaded differs.
const NODE_FLOW = `
async function main() {
  const sandbox = await startSandbox()
  const handled = []
  const receiver = createReceiver({ trustLocalSandbox: true, on: { '*': (event) => void handled.push(event.id) } })
  const server = createServer(receiver.node).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const endpoint = \`http://127.0.0.1:\${server.address().port}/hooks\`
  try {
    // The spec's example delivery: its brand, its type (subscribed to by its top-level group), its data.
    const sample = ${JSON.stringify(sampleEnvelope())}
    const fe = new FlexEngageWebhooks({ brandId: sample.brandId, token: sandbox.tokens[0], baseUrl: sandbox.url })
    const webhook = await fe.webhooks.create({ endpoint, events: [sample.type.split('.')[0]] })
    const [event] = await sandbox.trigger(sample.brandId, sample.type, sample.data)
    // A safety net only: the delivery is waited for, not timed.
    const deadline = Date.now() + 120000
    while (handled.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    const { attempts } = await fe.webhooks.events.get(webhook.id, event.id)
    // The sandbox's own signature headers over a body that says something else.
    const tampered = await fetch(endpoint, {
      method: 'POST',
      headers: attempts[0].request.headers,
      body: JSON.stringify({ ...sample, id: event.id, webhookId: webhook.id, attemptId: attempts[0].id, brandId: 'TAMPERED' }),
    })
    const refused = await tampered.json()
    if (handled[0] !== event.id || tampered.status !== 400 || refused.error !== 'signature_mismatch') {
      throw new Error(\`handled \${JSON.stringify(handled)}, tampered \${tampered.status} \${JSON.stringify(refused)}\`)
    }
    console.log('sandbox delivery verified (200), tampered one refused (400 signature_mismatch)')
  } finally {
    server.close()
    await sandbox.close()
  }
}
main().catch((error) => {
  console.error(error)
  process.exit(1)
})
`
const NODE_ESM = `import { once } from 'node:events'
import { createServer } from 'node:http'
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { createReceiver } from '@flexengage/webhooks/receiver'
import { startSandbox } from '@flexengage/webhooks-sandbox'
${NODE_FLOW}`
const NODE_CJS = `const { once } = require('node:events')
const { createServer } = require('node:http')
const { FlexEngageWebhooks } = require('@flexengage/webhooks')
const { createReceiver } = require('@flexengage/webhooks/receiver')
const { startSandbox } = require('@flexengage/webhooks-sandbox')
${NODE_FLOW}`

// Bun and Deno: the adapter that fits them is receiver.fetch under their own server.
const WEB_SMOKE = `
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { createReceiver, signDelivery } from '@flexengage/webhooks/receiver'
import { createFlexEngageMock, createMockFetch } from '@flexengage/webhooks-mock-handlers'

const { publicKey, privateKey } = await crypto.subtle.generateKey(
  { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  true,
  ['sign', 'verify'],
)
const spki = new Uint8Array(await crypto.subtle.exportKey('spki', publicKey))
const pem = \`-----BEGIN PUBLIC KEY-----\\n\${btoa(String.fromCharCode(...spki)).match(/.{1,64}/g).join('\\n')}\\n-----END PUBLIC KEY-----\\n\`
${TAMPER}
const handled = []
const receiver = createReceiver({ trustLocalSandbox: true, on: { '*': (event) => void handled.push(event.id) } })
const handler = (request) =>
  new URL(request.url).pathname === '/key.pem' ? new Response(pem) : receiver.fetch(request)
const server = globalThis.Bun
  ? Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: handler })
  : Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, handler)
const origin = \`http://127.0.0.1:\${globalThis.Bun ? server.port : server.addr.port}\`
try {
  const sample = ${JSON.stringify(sampleEnvelope())}
  const fe = new FlexEngageWebhooks({ brandId: sample.brandId, token: 'runtime', fetch: createMockFetch(createFlexEngageMock({ seed: 1, allowHttpLoopbackEndpoints: true })) })
  const webhook = await fe.webhooks.create({ endpoint: \`\${origin}/hooks\`, events: [sample.type.split('.')[0]] })
  const envelope = { ...sample, id: crypto.randomUUID(), webhookId: webhook.id, attemptId: crypto.randomUUID() }
  const { body, headers } = await signDelivery({ envelope, privateKey, keyUrl: \`\${origin}/key.pem\` })
  const deliver = (bytes) => fetch(webhook.endpoint, { method: 'POST', headers, body: bytes })
  const valid = await deliver(body)
  const tampered = await deliver(tamper(body))
  const refused = await tampered.json()
  if (valid.status !== 200 || handled[0] !== envelope.id || tampered.status !== 400 || refused.error !== 'signature_mismatch') {
    throw new Error(\`valid \${valid.status}, tampered \${tampered.status} \${JSON.stringify(refused)}\`)
  }
  console.log('client on the mock; signed delivery verified (200), tampered one refused (400 signature_mismatch)')
} finally {
  await (globalThis.Bun ? server.stop(true) : server.shutdown())
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
  envelope: ${JSON.stringify(sampleEnvelope())},
  privateKey: await importPrivateKeyPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
  keyUrl: \`http://127.0.0.1:\${keyServer.address().port}/key.pem\`,
})
${TAMPER}
const mf = new Miniflare({ modules: true, script: readFileSync('worker.bundle.js', 'utf8'), compatibilityDate: '2025-09-01' })
try {
  const deliver = (bytes) => mf.dispatchFetch('http://worker/hooks', { method: 'POST', headers, body: bytes })
  const valid = await deliver(body)
  const tampered = await deliver(tamper(body))
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

/** Runs a command in `cwd`; throws with its output when it fails. */
function execute(cwd, command, args, env = {}) {
  const started = performance.now()
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } })
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} failed:\n${result.stdout}${result.stderr}`)
  }
  return { stdout: result.stdout, seconds: ((performance.now() - started) / 1000).toFixed(1) }
}

/** A table row's result: the smoke script's last line, and how long it took. */
function runIn(cwd, command, args, env = {}) {
  const { stdout, seconds } = execute(cwd, command, args, env)
  return { said: stdout.trim().split('\n').at(-1), seconds }
}

const versionOf = (binary) =>
  spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim().split('\n')[0]

/** Both CLIs print their usage on this Node. */
function clis(app, node) {
  const said = ['flexengage-webhooks', 'flexengage-sandbox'].map((cli) => {
    const { stdout } = execute(app, node, [join(app, 'node_modules', '.bin', cli), '--help'])
    if (!/Usage/i.test(stdout)) throw new Error(`${cli} --help printed no usage:\n${stdout}`)
    return `${cli} --help`
  })
  return { said: `${said.join(', ')}: usage printed`, seconds: '-' }
}

/**
 * The MSW adapter's suite (packages/mock-handlers: vitest.msw3.config.ts) on this Node, with MSW 3
 * from the cache where the workspace has MSW 2.
 */
function mswAdapterSuite(node) {
  const msw3 = join(cachedInstall(`msw-${MSW_3}`, [`msw@${MSW_3}`]), 'node_modules', 'msw')
  const dir = join(repoRoot, 'packages', 'mock-handlers')
  const vitest = join(
    dirname(createRequire(join(dir, 'package.json')).resolve('vitest/package.json')),
    'vitest.mjs',
  )
  const run = execute(dir, node, [vitest, 'run', '--config', 'vitest.msw3.config.ts'], { MSW3_DIR: msw3 })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: vitest colours its summary
  const summary = run.stdout.replace(/\x1b\[[0-9;]*m/g, '')
  const tests = /Tests\s+(\d+) passed/.exec(summary)?.[1]
  if (!tests) throw new Error(`the MSW 3 suite ran no tests:\n${summary}`)
  return { said: `the adapter's own suite: ${tests} tests passed`, seconds: run.seconds }
}

const started = performance.now()
const root = mkdtempSync(join(tmpdir(), 'flexengage-runtimes-'))
try {
  const runningMajor = Number(process.versions.node.split('.')[0])
  const nodes = NODE_MAJORS.map((major) => (major === runningMajor ? process.execPath : nodeBinary(major)))
  const node24 = nodeBinary(24)
  // MSW 3 and Miniflare declare Node >= 22: they run on the Node 24 binary, not the one installing.
  const app = await installPackedPackages(
    root,
    { msw: MSW_3, miniflare: MINIFLARE_4 },
    { engineStrict: false },
  )
  // What npm really installed beside the tarballs (the peer ranges must have let it).
  const installed = (name) =>
    `${name} ${JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version}`
  const files = {
    'node.mjs': NODE_ESM,
    'node.cjs': NODE_CJS,
    'web.mjs': WEB_SMOKE,
    'msw3.mjs': MSW3_SMOKE,
    'worker.mjs': WORKER,
    'workerd.mjs': WORKERD_SMOKE,
  }
  for (const [name, source] of Object.entries(files)) writeFileSync(join(app, name), source)
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
  const rows = []
  for (const node of nodes) {
    const runtime = `Node ${versionOf(node)}`
    rows.push({
      runtime,
      package: 'webhooks + receiver.node + sandbox (ESM)',
      ...runIn(app, node, ['node.mjs']),
    })
    rows.push({
      runtime,
      package: 'webhooks + receiver.node + sandbox (CJS)',
      ...runIn(app, node, ['node.cjs']),
    })
    rows.push({ runtime, package: 'webhooks-cli, webhooks-sandbox (bins)', ...clis(app, node) })
  }
  const bun = runtimeBinary('bun', BUN)
  rows.push({
    runtime: `Bun ${versionOf(bun)}`,
    package: 'webhooks + receiver.fetch (Bun.serve)',
    ...runIn(app, bun, ['web.mjs']),
  })
  const deno = runtimeBinary('deno', DENO)
  rows.push({
    runtime: versionOf(deno).replace(/^deno (\S+).*/, 'Deno $1'),
    package: 'webhooks + receiver.fetch (Deno.serve)',
    ...runIn(app, deno, ['run', '--allow-all', '--node-modules-dir=manual', 'web.mjs'], {
      DENO_DIR: join(root, 'deno'),
    }),
  })
  rows.push({
    runtime: `workerd (${installed('miniflare')})`,
    package: 'webhooks/receiver (receiver.fetch)',
    ...runIn(app, node24, ['workerd.mjs']),
  })
  rows.push({
    runtime: `Node ${versionOf(node24)}, ${installed('msw')}`,
    package: 'mock-handlers/msw setupServer',
    ...runIn(app, node24, ['msw3.mjs']),
  })
  rows.push({
    runtime: `Node ${versionOf(node24)}, msw ${MSW_3}`,
    package: 'mock-handlers/msw',
    ...mswAdapterSuite(node24),
  })
  console.table(rows)
  console.log(
    `check-runtimes: ${rows.length} checks on ${new Set(rows.map((row) => row.runtime)).size} runtimes green in ${((performance.now() - started) / 1000).toFixed(1)} s (installs included)`,
  )
} catch (error) {
  console.error(`check-runtimes: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  rmSync(root, { recursive: true, force: true })
}
