#!/usr/bin/env node
// Usage: node tools/spec-change-drill.mjs
// The spec-change loop, rehearsed in a temporary copy of the repository (one install shared):
// (a)+(b) a maintainer adds an optional field to a request and a response schema and adds an
//   operation, regenerates and builds, and touches no handwritten file. Checked: the field round-trips
//   client -> mock -> client and through the sandbox, and type-checks; the new operation is callable
//   through fe.request (answered from the spec's example); the coverage check names it; the
//   spec-derived tests stay green; a minor changeset is enough and a patch is refused.
// (c) a response field removed and (d) a query parameter renamed: the gates demand a major release of
//   every published package whose public API changes, naming the change; (d) fails to compile where
//   handwritten code reads the old name.
// Last, the changesets written by the changesets tools and the CHANGELOGs `changeset version` writes
// pass the linters as written.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import writeChangesetModule from '@changesets/write'
import { parse, stringify } from 'yaml'
import { repoRoot } from './paths.mjs'
import { publishedPackages, specDerivedPackages } from './workspace.mjs'

const writeChangeset = writeChangesetModule.default ?? writeChangesetModule

const started = performance.now()
const copy = mkdtempSync(join(tmpdir(), 'spec-change-drill-'))
/** The packages generated from the spec (the copy has the same ones). */
const specDerived = specDerivedPackages()
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

/** `turbo run ARGS` in the copy, with the workspace's turbo. */
const turbo = (args, options) => run(pnpm[0], [...pnpm[1], 'exec', 'turbo', 'run', ...args], options)

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

/** (c): the last field of the first success response's named schema. Returns its name. */
function removeResponseField(spec) {
  for (const pathItem of Object.values(spec.paths)) {
    for (const operation of Object.values(pathItem)) {
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        const ref = response.content?.['application/json']?.schema?.$ref
        const schema = ref && spec.components.schemas[ref.split('/').at(-1)]
        if (!status.startsWith('2') || !schema?.properties) continue
        const field = Object.keys(schema.properties).at(-1)
        delete schema.properties[field]
        schema.required = schema.required?.filter((name) => name !== field)
        if (schema.required?.length === 0) delete schema.required
        removeFromExamples(spec, ref, field)
        return field
      }
    }
  }
  throw new Error('(c) found no success response with a named schema')
}

/** The maintainer also drops the field from the examples of every body of that schema (or a list of it). */
function removeFromExamples(spec, ref, field) {
  const strip = (value) => {
    for (const item of Array.isArray(value) ? value : [value])
      if (item && typeof item === 'object') delete item[field]
  }
  for (const pathItem of Object.values(spec.paths)) {
    for (const operation of Object.values(pathItem)) {
      for (const response of Object.values(operation?.responses ?? {})) {
        const media = response.content?.['application/json']
        if (media?.schema?.$ref !== ref && media?.schema?.items?.$ref !== ref) continue
        for (const example of Object.values(media.examples ?? {})) {
          strip(example.$ref ? spec.components.examples[example.$ref.split('/').at(-1)].value : example.value)
        }
        if (media.example) strip(media.example)
      }
    }
  }
}

/** (d): the first optional query parameter, renamed. */
function renameQueryParameter(spec) {
  for (const pathItem of Object.values(spec.paths)) {
    for (const operation of Object.values(pathItem)) {
      const parameter = operation?.parameters?.find((p) => p.in === 'query' && !p.required)
      if (!parameter) continue
      const from = parameter.name
      parameter.name = `${from}Renamed`
      return { from, to: parameter.name }
    }
  }
  throw new Error('(d) found no optional query parameter')
}

/** The same spec with its top-level keys in the opposite order. */
function reverseKeyOrder(spec) {
  const entries = Object.entries(spec).reverse()
  for (const [key] of entries) delete spec[key]
  for (const [key, value] of entries) spec[key] = value
}

/** turbo's hash of each generator task, without running anything. */
function generatorCacheKeys() {
  const dry = JSON.parse(turbo(['generate', '--dry=json']).stdout)
  return Object.fromEntries(
    dry.tasks
      .filter((task) => specDerived.some((name) => task.taskId === `${name}#generate`))
      .map((task) => [task.taskId, task.hash]),
  )
}

/** Replaces the pending changesets by one, written as `changeset add` writes it. */
async function pendingChangesets(names, type) {
  const dir = join(copy, '.changeset')
  for (const file of readdirSync(dir))
    if (file.endsWith('.md') && file !== 'README.md') rmSync(join(dir, file))
  return writeChangeset(
    {
      summary: `Drill: ${type} for ${names.length} package(s).`,
      releases: names.map((name) => ({ name, type })),
    },
    copy,
  )
}

/** The release-level gate; returns its output (stderr when it fails, naming what it needs). */
function expectGate(passes, message) {
  const gate = run(process.execPath, ['tools/check-release-levels.mjs'], { expectFailure: !passes })
  const output = `${gate.stdout}${gate.stderr}`
  if (message && !message.test(output))
    throw new Error(`the release-level gate did not say ${message}:\n${output}`)
  return output
}

/** Regenerates and builds the spec-derived packages (enough for the gates), then the API reports. */
function buildSpecDerived() {
  turbo(['build', ...specDerived.map((name) => `--filter=${name}`), '--output-logs=errors-only'])
  run(process.execPath, ['tools/api-reports.mjs', '--update'])
}

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
  // The gates judge each scripted edit alone: main as it is becomes the copy's last release.
  run(process.execPath, ['tools/record-released-spec.mjs'])

  const specPath = join(copy, 'spec/openapi.yaml')
  const originalSpec = readFileSync(specPath, 'utf8')
  /** The maintainer's edit, always from the spec as it is on main, then `pnpm generate`'s bundle step. */
  const editSpecWith = (edit, { indent = 2, comment = '' } = {}) => {
    const spec = parse(originalSpec)
    const result = edit(spec)
    writeFileSync(specPath, `${comment}${stringify(spec, { aliasDuplicateObjects: false, indent })}`)
    run(process.execPath, ['tools/bundle-spec.mjs'])
    return result
  }

  // An edit without meaning (a comment, other indentation, keys in another order) leaves the bundled
  // spec byte-identical, so turbo's cache keys for the generators do not move.
  const before = generatorCacheKeys()
  editSpecWith(reverseKeyOrder, {
    indent: 4,
    comment: '# reformatted, keys reordered: no change in meaning\n',
  })
  const after = generatorCacheKeys()
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    throw new Error(
      `a meaning-free spec edit moved the generators' cache keys: ${JSON.stringify({ before, after })}`,
    )
  }
  console.log(
    `cache: a comment, indentation and key-order edit keeps all ${Object.keys(before).length} generator cache keys`,
  )

  editSpecWith(editSpec)
  // turbo runs each generator (its build depends on generate), then builds only what users install.
  turbo([
    'build',
    ...publishedPackages(copy).map(({ manifest }) => `--filter=${manifest.name}...`),
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

  // The tests that derive what they cover from the spec: the spec's own, the type relations, the
  // generated client's Prism contract table, and the mock's conformance suite through each adapter.
  run(pnpm[0], [
    ...pnpm[1],
    '--filter=@flexengage/spec',
    '--filter=@flexengage/webhooks-types',
    '--filter=@flexengage/webhooks-fetch-client',
    'test',
  ])
  run(pnpm[0], [
    ...pnpm[1],
    '--filter=@flexengage/webhooks-mock-handlers',
    'exec',
    'vitest',
    'run',
    'test/fetch-adapter.test.ts',
    'test/node-adapter.test.ts',
    'test/msw-adapter.test.ts',
  ])
  console.log(`tests: the spec-derived tests stay green, unedited (${seconds()} s)`)

  run(process.execPath, ['tools/api-reports.mjs', '--update'])
  const published = publishedPackages(copy).map(({ manifest }) => manifest.name)
  await pendingChangesets(published, 'patch')
  expectGate(false, /@flexengage\/webhooks-types needs a minor changeset \(pending: patch\)/)
  await pendingChangesets(published, 'minor')
  expectGate(true)
  console.log('gates (a)+(b): a minor changeset is enough; a patch is refused')

  // (c) A response field removed.
  const removed = editSpecWith(removeResponseField)
  buildSpecDerived()
  await pendingChangesets(specDerived, 'major')
  const verdictC = expectGate(false, new RegExp(`field "${removed}" removed`))
  const dependents = published.filter((name) => verdictC.includes(`${name} needs a major changeset`))
  if (!dependents.includes('@flexengage/webhooks')) {
    throw new Error(
      `(c) should demand a major of @flexengage/webhooks, whose types lose the field:\n${verdictC}`,
    )
  }
  await pendingChangesets([...specDerived, ...dependents], 'major')
  expectGate(true)
  console.log(
    `gates (c): "${removed}" removed from a response demands a major of ${[...specDerived, ...dependents].join(', ')}`,
  )

  // (d) A query parameter renamed.
  const renamed = editSpecWith(renameQueryParameter)
  const typecheck = turbo(
    [
      'typecheck',
      '--filter=@flexengage/webhooks-mock-handlers',
      '--filter=@flexengage/webhooks',
      '--continue',
    ],
    { expectFailure: true },
  )
  if (!`${typecheck.stdout}${typecheck.stderr}`.includes(`'${renamed.from}'`)) {
    throw new Error(`(d) handwritten code that reads "${renamed.from}" should fail to compile, naming it`)
  }
  // The reports stay as (c) left them: the spec's verdict decides for these packages.
  await pendingChangesets(specDerived, 'major')
  const verdictD = expectGate(false, new RegExp(`parameter "${renamed.from}" renamed to "${renamed.to}"`))
  if (!verdictD.includes('@flexengage/webhooks needs a major changeset')) {
    throw new Error(
      `(d) should demand a major of @flexengage/webhooks, which re-exports the query types:\n${verdictD}`,
    )
  }
  await pendingChangesets([...specDerived, ...dependents], 'major')
  expectGate(true)
  console.log(
    `gates (d): "${renamed.from}" renamed to "${renamed.to}" fails to compile where it is read and demands a major`,
  )

  // Files the changesets tools write pass the linters as written.
  for (const file of [
    'packages/sandbox/drill-behaviour.mjs',
    'packages/cli/drill-types.ts',
    'packages/cli/tsconfig.drill.json',
  ]) {
    rmSync(join(copy, file))
  }
  run(process.execPath, ['node_modules/@changesets/cli/bin.js', 'version'])
  const changelogs = readdirSync(join(copy, 'packages')).filter((dir) =>
    readdirSync(join(copy, 'packages', dir)).includes('CHANGELOG.md'),
  )
  if (changelogs.length === 0) throw new Error('changeset version wrote no CHANGELOG')
  run(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'check', '.'])
  console.log(
    `lint: ${changelogs.length} CHANGELOGs from changeset version and the changesets pass as written`,
  )
  console.log(`spec-change drill: green in ${seconds()} s`)
} finally {
  rmSync(copy, { recursive: true, force: true })
}
