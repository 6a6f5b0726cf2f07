#!/usr/bin/env node
// Usage: node tools/check-consumer.mjs [--extra FILE.mts]
// Installs the packed tarballs into a temporary project outside the workspace, type-checks its
// sources with TypeScript strict under moduleResolution node16 and bundler, then runs them as ESM
// (import) and CJS (require), including the ./receiver subpath and both CLIs.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { checkPackage } from './check-packages.mjs'
import { publishedPackageDirs } from './workspace.mjs'

const require = createRequire(import.meta.url)
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc')

const ESM_SOURCE = `import { FlexEngageWebhooks, matchesEventType, NotFoundError, type Webhook } from '@flexengage/webhooks'
import { createReceiver, SignatureVerificationError, type EventEnvelope } from '@flexengage/webhooks/receiver'
import type { WebhookRequest } from '@flexengage/webhooks-types'
import { createWebhooksApi } from '@flexengage/webhooks-fetch-client'
import { createFlexEngageMock, createMockFetch } from '@flexengage/webhooks-mock-handlers'
import { createMockServer } from '@flexengage/webhooks-mock-handlers/node'
import { DEFAULT_SANDBOX_TOKEN } from '@flexengage/webhooks-sandbox'

const request: WebhookRequest = { endpoint: 'https://example.com/esm', events: ['NOTIFICATION'] }
const mockFetch = createMockFetch(createFlexEngageMock({ seed: 1 }))
const fe = new FlexEngageWebhooks({ brandId: 'ACME', token: 'consumer', fetch: mockFetch })
const created: Webhook = await fe.webhooks.create(request)
const missing = await fe.webhooks.get('3fa85f64-5717-4562-b3fc-2c963f66afa6').catch((e: unknown) => e)
const server = await createMockServer()
await server.close()
const receiver = createReceiver({ on: { '*': (event: EventEnvelope) => void event.id } })
const refused = await receiver.receive({ body: '{}', headers: {} })
if (!(missing instanceof NotFoundError) || !matchesEventType('A', 'A.B') || refused.status !== 400) throw new Error('esm: wrong behaviour')
if (typeof createWebhooksApi !== 'function' || typeof SignatureVerificationError !== 'function' || !DEFAULT_SANDBOX_TOKEN) throw new Error('esm: missing export')
console.log(\`esm ok \${created.enabled}\`)
`

const CJS_SOURCE = `import { FlexEngageWebhooks, InvalidArgumentError } from '@flexengage/webhooks'
import { createVerifier } from '@flexengage/webhooks/receiver'
import { createMockFetch } from '@flexengage/webhooks-mock-handlers'

async function main() {
  const fe = new FlexEngageWebhooks({ brandId: 'ACME', token: 'consumer', fetch: createMockFetch() })
  const list = await fe.webhooks.list()
  const refused = await fe.webhooks.get('nope').catch((e: unknown) => e)
  if (list.length !== 0 || !(refused instanceof InvalidArgumentError) || typeof createVerifier() !== 'function') {
    throw new Error('cjs: wrong behaviour')
  }
  console.log('cjs ok')
}
main().catch((error) => {
  console.error(error)
  process.exit(1)
})
`

export function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' })
  if (result.status !== 0)
    throw new Error(`${[command, ...args].join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`)
  return result.stdout
}

/**
 * Packs every published package (each checked fit to publish) and installs the tarballs, with
 * `dependencies`, into a new project `app` under `root`, outside the workspace. Returns its path.
 * `engineStrict: false` lets dependencies meant for a newer Node than the one running npm install.
 */
export async function installPackedPackages(root, dependencies = {}, { engineStrict = true } = {}) {
  const packs = join(root, 'packs')
  mkdirSync(packs)
  const tarballs = {}
  for (const dir of publishedPackageDirs()) {
    const { name, tarball, problems } = await checkPackage(dir, packs)
    if (problems.length > 0) throw new Error(`${name} is not fit to publish:\n  ${problems.join('\n  ')}`)
    tarballs[name] = `file:${tarball}`
  }
  const app = join(root, 'app')
  mkdirSync(app)
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { ...tarballs, ...dependencies },
        overrides: tarballs,
      },
      null,
      2,
    ),
  )
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
      `--engine-strict=${engineStrict}`,
    ],
    app,
  )
  return app
}

export async function checkConsumer({ extra } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'flexengage-consumer-'))
  try {
    const app = await installPackedPackages(root, { '@types/node': '20.19.43' })
    writeFileSync(join(app, 'esm.mts'), ESM_SOURCE)
    writeFileSync(join(app, 'cjs.cts'), CJS_SOURCE)
    const sources = ['esm.mts', 'cjs.cts']
    if (extra) {
      copyFileSync(extra, join(app, basename(extra)))
      sources.push(basename(extra))
    }
    const strict = {
      strict: true,
      target: 'es2022',
      skipLibCheck: false,
      types: ['node'],
      lib: ['es2022', 'dom'],
    }
    writeFileSync(
      join(app, 'tsconfig.node16.json'),
      JSON.stringify({
        compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16', outDir: 'out' },
        files: sources,
      }),
    )
    writeFileSync(
      join(app, 'tsconfig.bundler.json'),
      JSON.stringify({
        compilerOptions: { ...strict, module: 'preserve', moduleResolution: 'bundler', noEmit: true },
        files: sources,
      }),
    )
    run(process.execPath, [tsc, '-p', 'tsconfig.node16.json'], app)
    run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], app)
    const esm = run(process.execPath, ['out/esm.mjs'], app).trim()
    const cjs = run(process.execPath, ['out/cjs.cjs'], app).trim()
    const cliHelp = run(join(app, 'node_modules/.bin/flexengage-webhooks'), ['--help'], app)
    const sandboxHelp = run(join(app, 'node_modules/.bin/flexengage-sandbox'), ['--help'], app)
    if (
      esm !== 'esm ok true' ||
      cjs !== 'cjs ok' ||
      !cliHelp.includes('Exit codes') ||
      !sandboxHelp.includes('Usage')
    ) {
      throw new Error(`the consumer ran but said: ${esm} / ${cjs}`)
    }
    return { esm, cjs }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { extra: { type: 'string' } } })
  try {
    const { esm, cjs } = await checkConsumer(values)
    console.log(
      `check-consumer: packed tarballs install outside the workspace; node16 + bundler type-check; ${esm}; ${cjs}; both CLIs run`,
    )
  } catch (error) {
    console.error(`check-consumer: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
