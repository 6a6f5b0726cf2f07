#!/usr/bin/env node
// Usage: node tools/spec-change-drill.mjs
// The spec-change loop, rehearsed in a temporary copy of the repository: a maintainer adds an
// optional field to a request and a response schema and adds an operation, runs the generators and
// the builds, and touches no handwritten file. Then, checked: the field round-trips client -> mock ->
// client and through the sandbox, and type-checks; the new operation is callable through
// fe.request against the mock (answered from the spec's example); the coverage check names it.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse, stringify } from 'yaml'
import { repoRoot } from './paths.mjs'

const started = performance.now()
const copy = mkdtempSync(join(tmpdir(), 'spec-change-drill-'))
const seconds = () => ((performance.now() - started) / 1000).toFixed(1)

function run(command, args, { expectFailure = false, env = {} } = {}) {
  const result = spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, ...env } })
  const failed = result.status !== 0
  if (failed !== expectFailure) {
    console.error(
      `${command} ${args.join(' ')} ${failed ? 'failed' : 'succeeded unexpectedly'}:\n${result.stdout}${result.stderr}`,
    )
    throw new Error(`spec-change drill: step failed after ${seconds()} s: ${command} ${args.join(' ')}`)
  }
  return result
}

/** pnpm as the test command runs it, whichever way that was. */
const pnpm = process.env.npm_execpath?.includes('pnpm')
  ? [process.execPath, [process.env.npm_execpath]]
  : ['npx', ['-y', 'pnpm@10.34.9']]

/** The maintainer's edit: a new optional field on WebhookRequest and WebhookResponse, and a new operation. */
function editSpec(spec) {
  const label = { type: 'string', maxLength: 64, description: 'A name for people; not used by flexEngage.' }
  spec.components.schemas.WebhookRequest.properties.label = label
  spec.components.schemas.WebhookResponse.properties.label = label
  spec.components.schemas.WebhookStats = {
    type: 'object',
    description: 'Delivery counts of a webhook.',
    required: ['delivered', 'failed'],
    properties: { delivered: { type: 'integer', minimum: 0 }, failed: { type: 'integer', minimum: 0 } },
  }
  spec.paths['/v1/{brandId}/webhooks/{id}/stats'] = {
    parameters: [{ $ref: '#/components/parameters/brandId' }, { $ref: '#/components/parameters/webhookId' }],
    get: {
      tags: ['Webhooks'],
      operationId: 'getWebhookStats',
      summary: 'Get the delivery counts of a webhook',
      description: 'Counts the events delivered to a webhook and those that failed.',
      responses: {
        200: {
          description: 'The counts',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/WebhookStats' },
              examples: { counts: { summary: 'Some deliveries', value: { delivered: 41, failed: 2 } } },
            },
          },
        },
        401: { $ref: '#/components/responses/Unauthorized' },
        404: { $ref: '#/components/responses/EventNotFound' },
      },
    },
  }
}

/** What users of the regenerated packages do, with no handwritten change anywhere. */
const CHECK_BEHAVIOUR = `
import { createFlexEngageMock, createMockFetch } from '@flexengage/webhooks-mock-handlers'
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { startSandbox } from '@flexengage/webhooks-sandbox'
import { examples } from '@flexengage/webhooks-mock-handlers'
import assert from 'node:assert/strict'

const hook = { endpoint: 'https://example.com/drill', events: ['NOTIFICATION.SMS'], label: 'billing team' }
const mockFetch = createMockFetch(createFlexEngageMock())
const fe = new FlexEngageWebhooks({ brandId: 'ACME', token: 't', fetch: mockFetch, logLevel: 'off' })
const created = await fe.webhooks.create(hook)
assert.equal(created.label, hook.label, 'create returns the new field')
assert.equal((await fe.webhooks.get(created.id)).label, hook.label, 'get returns the new field')
assert.equal((await fe.webhooks.list())[0].label, hook.label, 'list returns the new field')
assert.equal(mockFetch.mock.store.findWebhook('ACME', created.id).label, hook.label, 'the mock stored it')

const stats = await fe.request('getWebhookStats', { path: { id: created.id } }).withResponse()
assert.equal(stats.response.status, 200)
assert.deepEqual(stats.data, Object.values(examples.getWebhookStats['200'])[0], 'answered from the spec example')

const sandbox = await startSandbox()
try {
  const local = new FlexEngageWebhooks({ brandId: 'ACME', token: 'sandbox-token', baseUrl: sandbox.url, logLevel: 'off' })
  const made = await local.webhooks.create({ ...hook, endpoint: 'http://127.0.0.1:9/drill' })
  assert.equal((await local.webhooks.get(made.id)).label, hook.label, 'the sandbox round-trips the new field')
  assert.deepEqual(await local.request('getWebhookStats', { path: { id: made.id } }), stats.data)
} finally {
  await sandbox.close()
}
console.log('behaviour: the new field round-trips through the mock and the sandbox; the new operation answers')
`

/** The same, as a consumer's TypeScript: the new field and operation are typed. */
const CHECK_TYPES = `
import { FlexEngageWebhooks, type Webhook } from '@flexengage/webhooks'
import type { components, Webhook as SpecWebhook } from '@flexengage/webhooks-types'

declare const fe: FlexEngageWebhooks
const created: Webhook = await fe.webhooks.create({ endpoint: 'https://example.com/x', events: ['A'], label: 'x' })
const label: string | undefined = created.label
const same: SpecWebhook = created
const stats: components['schemas']['WebhookStats'] = await fe.request('getWebhookStats', { path: { id: created.id } })
export { label, same, stats }
`

try {
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .stdout.split('\0')
    .filter(Boolean)
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true })
    cpSync(join(repoRoot, file), join(copy, file))
  }
  run(pnpm[0], [...pnpm[1], 'install', '--offline', '--frozen-lockfile'])
  console.log(`drill: copied and installed in ${seconds()} s`)

  const specPath = join(copy, 'spec/openapi.yaml')
  const spec = parse(spawnSync('cat', [specPath], { encoding: 'utf8' }).stdout)
  editSpec(spec)
  writeFileSync(specPath, stringify(spec, { aliasDuplicateObjects: false }))
  // turbo runs each generator (its build depends on generate), then builds only what users install.
  run(pnpm[0], [
    ...pnpm[1],
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@flexengage/webhooks-sandbox...',
    '--filter=@flexengage/webhooks-cli...',
    '--output-logs=errors-only',
  ])
  console.log(`drill: regenerated and built in ${seconds()} s`)

  writeFileSync(join(copy, 'packages/sandbox/drill-behaviour.mjs'), CHECK_BEHAVIOUR)
  console.log(run(process.execPath, ['packages/sandbox/drill-behaviour.mjs']).stdout.trim())

  writeFileSync(join(copy, 'packages/cli/drill-types.ts'), CHECK_TYPES)
  writeFileSync(
    join(copy, 'packages/cli/tsconfig.drill.json'),
    JSON.stringify({
      extends: './tsconfig.json',
      include: ['drill-types.ts'],
      compilerOptions: { noEmit: true },
    }),
  )
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'packages/cli/tsconfig.drill.json'])
  console.log('types: the new field and operation type-check for consumers')

  const coverage = run(process.execPath, ['tools/check-coverage.mjs'], { expectFailure: true })
  if (
    !/getWebhookStats \(GET \/v1\/\{brandId\}\/webhooks\/\{id\}\/stats\) has no method/.test(coverage.stderr)
  ) {
    throw new Error(`the coverage check did not name the new operation:\n${coverage.stderr}`)
  }
  console.log('coverage: the check names getWebhookStats and says how to resolve it')
  console.log(`spec-change drill: green in ${seconds()} s`)
} finally {
  rmSync(copy, { recursive: true, force: true })
}
