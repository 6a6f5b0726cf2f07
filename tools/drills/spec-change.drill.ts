// The spec-change loop, rehearsed in a temporary copy of the repository (`pnpm drill:spec-change`),
// one named step per expectation. Main as it is becomes the copy's last release; then a maintainer:
// - adds an optional field to a request and a response schema, a new operation, and a new event type
//   with its payload schema and example; regenerates and builds, and touches no handwritten file: the
//   field round-trips, the operation answers, the event type is typed, validated and prefilled;
// - removes a response field; renames a query parameter; removes a required payload field of an
//   event type. The gates demand a major release of every package whose users see it, naming it.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  addEventType,
  addOptionalFieldAndOperation,
  consumerSource,
  removeRequiredPayloadField,
  removeResponseField,
  renameQueryParameter,
  reverseKeyOrder,
} from './spec-edits.mjs'
import { type Workspace, workspaceCopy } from './workspace-copy.mjs'

let copy: Workspace
beforeAll(async () => {
  copy = await workspaceCopy()
  // The gates judge each scripted edit alone: main as it is becomes the copy's last release.
  copy.node('tools/spec/record-release.mjs')
})
afterAll(() => copy?.remove())

test('a comment, other indentation and keys in another order keep every generator cache key', () => {
  const before = copy.generatorCacheKeys()
  copy.editSpec(reverseKeyOrder, {
    indent: 4,
    comment: '# reformatted, keys reordered: no change in meaning\n',
  })
  expect(copy.generatorCacheKeys()).toEqual(before)
})

describe('additions: no handwritten edit, a minor release', () => {
  let added: ReturnType<typeof addOptionalFieldAndOperation> & { event: ReturnType<typeof addEventType> }
  beforeAll(() => {
    added = copy.editSpec((spec) => ({ ...addOptionalFieldAndOperation(spec), event: addEventType(spec) }))
    copy.buildPublished()
  })

  test('the new request/response field round-trips through the mock', async () => {
    const { FlexEngageWebhooks } = await copy.load('packages/ergonomic/dist/index.js')
    const { createFlexEngageMock, createMockFetch } = await copy.load('packages/mock-handlers/dist/index.js')
    const mockFetch = createMockFetch(createFlexEngageMock())
    const fe = new FlexEngageWebhooks({ brandId: 'ACME', token: 't', fetch: mockFetch, logLevel: 'off' })
    const hook = { endpoint: 'https://example.com/drill', events: ['DRILL'], [added.field]: 'billing team' }
    const created = await fe.webhooks.create(hook)
    expect(created[added.field]).toBe('billing team')
    expect((await fe.webhooks.get(created.id))[added.field]).toBe('billing team')
    expect((await fe.webhooks.list())[0][added.field]).toBe('billing team')
    expect(mockFetch.mock.store.findWebhook('ACME', created.id)[added.field]).toBe('billing team')
  })

  test('the new operation answers from the spec’s example, through fe.request, in the mock and the sandbox', async () => {
    const { FlexEngageWebhooks } = await copy.load('packages/ergonomic/dist/index.js')
    const { createMockFetch, examples } = await copy.load('packages/mock-handlers/dist/index.js')
    const { startSandbox } = await copy.load('packages/sandbox/dist/index.js')
    const example = Object.values(examples[added.operationId]['200'])[0]
    const mocked = new FlexEngageWebhooks({
      brandId: 'ACME',
      token: 't',
      fetch: createMockFetch(),
      logLevel: 'off',
    })
    const made = await mocked.webhooks.create({ endpoint: 'https://example.com/x', events: ['DRILL'] })
    expect(await mocked.request(added.operationId, { path: { id: made.id } })).toEqual(example)
    const sandbox = await startSandbox()
    try {
      const local = new FlexEngageWebhooks({ brandId: 'ACME', token: 'sandbox-token', baseUrl: sandbox.url })
      const hook = await local.webhooks.create({
        endpoint: 'http://127.0.0.1:9/drill',
        events: ['DRILL'],
        [added.field]: 'kept',
      })
      expect((await local.webhooks.get(hook.id))[added.field]).toBe('kept')
      expect(await local.request(added.operationId, { path: { id: hook.id } })).toEqual(example)
    } finally {
      await sandbox.close()
    }
  })

  test('the new event type: the sandbox refuses data its schema refuses (422 naming the field) and delivers valid data, typed', async () => {
    const { startSandbox } = await copy.load('packages/sandbox/dist/index.js')
    const { createReceiver } = await copy.load('packages/ergonomic/dist/receiver.js')
    const { type, requiredField, example } = added.event
    const sandbox = await startSandbox()
    const handled: Array<{ via: string; data: unknown }> = []
    const receiver = createReceiver({
      trustLocalSandbox: true,
      on: { [type]: (event: { data: unknown }) => void handled.push({ via: 'on', data: event.data }) },
      unlisted: {
        '*': (event: { data: unknown }) => void handled.push({ via: 'unlisted', data: event.data }),
      },
    })
    const server = await copy.serve(receiver.node)
    try {
      const fe = new (await copy.load('packages/ergonomic/dist/index.js')).FlexEngageWebhooks({
        brandId: 'ACME',
        token: 'sandbox-token',
        baseUrl: sandbox.url,
      })
      await fe.webhooks.create({ endpoint: server.url, events: [type.split('.')[0]] })
      await expect(sandbox.trigger('ACME', type, {})).rejects.toMatchObject({
        validations: { [`data.${requiredField}`]: expect.any(String) },
      })
      const triggered: Array<{ id: string }> = await sandbox.trigger('ACME', type, example.data)
      await sandbox.settled(triggered.map((event) => event.id))
      expect(handled).toEqual([{ via: 'on', data: example.data }])
      const prefill = await fetch(`${sandbox.url}/_sandbox/v1/event-examples`, {
        headers: { authorization: 'Bearer sandbox-token' },
      }).then((response) => response.json())
      expect(prefill[type]).toEqual(example.data)
    } finally {
      await server.close()
      await sandbox.close()
    }
  })

  test('the new field, operation and event type type-check for consumers; a handler for the type narrows its data', () => {
    copy.typecheck('drill-types.ts', consumerSource(added))
  })

  test('the coverage check names the new operation and says how to resolve it', () => {
    const coverage = copy.node('tools/gates/check-coverage.mjs', { expectFailure: true })
    expect(coverage.stderr).toContain(`${added.operationId} (GET ${added.path}) has no method`)
  })

  test('the tests that derive what they cover from the spec stay green, unedited', () => {
    copy.pnpm([
      '--filter=@flexengage/spec',
      '--filter=@flexengage/webhooks-types',
      '--filter=@flexengage/webhooks-fetch-client',
      'test',
    ])
    copy.pnpm([
      '--filter=@flexengage/webhooks-mock-handlers',
      'exec',
      'vitest',
      'run',
      'test/fetch-adapter.test.ts',
      'test/node-adapter.test.ts',
      'test/msw-adapter.test.ts',
    ])
  })

  test('a minor changeset is enough; a patch is refused', async () => {
    copy.node('tools/gates/api-reports.mjs', { args: ['--update'] })
    await copy.pendingChangesets(copy.published, 'patch')
    expect(copy.gate(false)).toMatch(/@flexengage\/webhooks-types needs a minor changeset \(pending: patch\)/)
    await copy.pendingChangesets(copy.published, 'minor')
    copy.gate(true)
  })
})

describe('removals and renames: the gates demand a major of every package whose users see them', () => {
  test('a response field removed: major for the spec-derived packages and the client, naming the field', async () => {
    const field = copy.editSpec(removeResponseField)
    copy.buildSpecDerived()
    await copy.pendingChangesets(copy.specDerived, 'major')
    const verdict = copy.gate(false)
    expect(verdict).toMatch(new RegExp(`field "${field}" removed`))
    expect(verdict).toContain('@flexengage/webhooks needs a major changeset')
    await copy.pendingChangesets([...copy.specDerived, ...copy.needingMajor(verdict)], 'major')
    copy.gate(true)
  })

  test('a query parameter renamed: handwritten code reading it fails to compile, and a major is demanded', async () => {
    const renamed = copy.editSpec(renameQueryParameter)
    const typecheck = copy.turbo(
      [
        'typecheck',
        '--filter=@flexengage/webhooks-mock-handlers',
        '--filter=@flexengage/webhooks',
        '--continue',
      ],
      { expectFailure: true },
    )
    expect(`${typecheck.stdout}${typecheck.stderr}`).toContain(`'${renamed.from}'`)
    await copy.pendingChangesets(copy.specDerived, 'major')
    const verdict = copy.gate(false)
    expect(verdict).toMatch(new RegExp(`parameter "${renamed.from}" renamed to "${renamed.to}"`))
    expect(verdict).toContain('@flexengage/webhooks needs a major changeset')
  })

  test('a required payload field of an event type removed: a major, naming the type and the field', async () => {
    const removed = copy.editSpec(removeRequiredPayloadField)
    await copy.pendingChangesets(copy.specDerived, 'minor')
    const verdict = copy.gate(false)
    expect(verdict).toContain(`(type ${removed.type}).data: field "${removed.field}" removed`)
    expect(verdict).toMatch(/@flexengage\/webhooks-types needs a major changeset/)
    expect(verdict).toContain('@flexengage/webhooks needs a major changeset')
  })
})

test('changesets and the CHANGELOGs `changeset version` writes pass the linters as written', async () => {
  copy.restoreSpec()
  await copy.pendingChangesets(copy.published, 'minor')
  copy.node('node_modules/@changesets/cli/bin.js', { args: ['version'] })
  const changelogs = readdirSync(join(copy.root, 'packages')).filter((dir) =>
    readdirSync(join(copy.root, 'packages', dir)).includes('CHANGELOG.md'),
  )
  expect(changelogs.length).toBeGreaterThan(0)
  copy.node('node_modules/@biomejs/biome/bin/biome', { args: ['check', '.'] })
})
