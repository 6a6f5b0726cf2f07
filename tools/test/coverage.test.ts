// The coverage check names an operation the spec gained and says how to resolve it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { parse, stringify } from 'yaml'
import { coverageProblems } from '../gates/check-coverage.mjs'
import { defaultSpecPath } from '../paths.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'coverage-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

test('the spec as it is: every operation is covered', async () => {
  expect((await coverageProblems()).problems).toEqual([])
})

test('a new operation fails the check, named, with what to do', async () => {
  const spec = parse(readFileSync(defaultSpecPath, 'utf8'))
  spec.paths['/v1/{brandId}/webhooks/{id}/ping'] = {
    post: { operationId: 'pingWebhook', responses: { '202': { description: 'queued' } } },
  }
  const file = join(scratch, 'spec.yaml')
  writeFileSync(file, stringify(spec))
  const { problems } = await coverageProblems({ spec: file })
  expect(problems).toEqual([
    expect.stringMatching(
      /^pingWebhook \(POST \/v1\/\{brandId\}\/webhooks\/\{id\}\/ping\) has no method in @flexengage\/webhooks: .*ESCAPE_HATCH_ONLY.*fe\.request\('pingWebhook'/,
    ),
    expect.stringMatching(/^pingWebhook .* has no CLI command: .*CLI_OMITTED/),
  ])
})
