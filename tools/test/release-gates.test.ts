// Each release gate must be able to fail: a fixture for each shows it does.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { findBreakingChanges, hasMajorChangeset, lastReleasedSpec } from '../check-breaking.mjs'
import { checkConsumer } from '../check-consumer.mjs'
import { checkPackage } from '../check-packages.mjs'
import { checkReadmeSnippets } from '../check-readme-snippets.mjs'
import { checkSizes } from '../check-sizes.mjs'
import { defaultSpecPath, repoRoot } from '../paths.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'release-gates-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function specWith(name: string, edit: (spec: string) => string): string {
  const file = join(scratch, `${name}.yaml`)
  const original = readFileSync(defaultSpecPath, 'utf8')
  const changed = edit(original)
  expect(changed, `the ${name} fixture must change the spec`).not.toBe(original)
  writeFileSync(file, changed)
  return file
}

describe('breaking-change detection', () => {
  const base = lastReleasedSpec()

  test.each([
    [
      'a removed response field',
      (s: string) =>
        s
          .replace(
            '      required: [id, created, updated, endpoint, events, enabled]\n',
            '      required: [id, created, updated, endpoint, events]\n',
          )
          .replace(/( {4}WebhookResponse:[\s\S]*?)( {8}enabled:\n {10}type: boolean\n)/, '$1'),
      'response.body.scope.add',
    ],
    [
      'a newly required parameter',
      (s: string) =>
        s.replace(
          'description: The page size\n          required: false',
          'description: The page size\n          required: true',
        ),
      'request.body.scope.remove',
    ],
    [
      'a narrowed type',
      (s: string) =>
        s.replace(
          '            type: integer\n            minimum: 1\n',
          '            type: integer\n            minimum: 1\n            maximum: 50\n',
        ),
      'request.body.scope.remove',
    ],
  ])('%s is breaking', async (name, edit, code) => {
    const breaking = await findBreakingChanges(base, specWith(name.replaceAll(' ', '-'), edit))
    expect(breaking.map((d: { code: string }) => d.code)).toContain(code)
  })

  test('a new optional response field and a reworded description are not', async () => {
    const file = specWith('harmless', (s) =>
      s
        .replace(
          'Returns a Webhook with the corresponding ID if it exists.',
          'Returns the Webhook with this ID, if it exists.',
        )
        .replace(
          '      required: [id, created, updated, endpoint, events, enabled]\n      properties:\n',
          '      required: [id, created, updated, endpoint, events, enabled]\n      properties:\n        note:\n          type: string\n',
        ),
    )
    expect(await findBreakingChanges(base, file)).toEqual([])
  })

  test('only a major changeset for the spec-derived packages announces a breaking change', () => {
    const make = (name: string, bump: string) => {
      const dir = join(scratch, `changesets-${name}`)
      mkdirSync(dir, { recursive: true })
      writeFileSync(
        join(dir, 'change.md'),
        `---\n"@flexengage/webhooks-types": ${bump}\n"@flexengage/webhooks": major\n---\n\nA change.\n`,
      )
      return dir
    }
    expect(hasMajorChangeset(make('minor', 'minor'))).toBe(false)
    expect(hasMajorChangeset(make('major', 'major'))).toBe(true)
  })
})

test('changeset status fails when a published package changed without a changeset', () => {
  const clone = join(scratch, 'clone')
  const git = (...args: string[]) => spawnSync('git', args, { cwd: clone, encoding: 'utf8' })
  spawnSync('git', ['clone', '--quiet', repoRoot, clone])
  git('config', 'user.email', 'gate@test.invalid')
  git('config', 'user.name', 'gate test')
  const check = () =>
    spawnSync(process.execPath, [join(repoRoot, 'tools/check-changesets.mjs'), '--root', clone], {
      encoding: 'utf8',
    })
  expect(check().status).toBe(0)
  rmSync(join(clone, '.changeset/initial-release.md'))
  git('commit', '--quiet', '-am', 'drop the changeset')
  const failing = check()
  expect(failing.status).toBe(1)
  expect(failing.stderr).toContain('without a changeset')
})

test('a package with files users do not need and exports that point nowhere is refused', async () => {
  const dir = join(scratch, 'bad-package')
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, 'src/index.js'), 'export const x = 1\n')
  writeFileSync(join(dir, 'README.md'), '# bad\n')
  writeFileSync(join(dir, 'LICENSE'), 'MIT\n')
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'bad-package',
      version: '1.0.0',
      type: 'module',
      files: ['src', 'README.md', 'LICENSE'],
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    }),
  )
  const packs = join(scratch, 'bad-packs')
  mkdirSync(packs)
  const { problems } = await checkPackage(dir, packs)
  expect(problems.join('\n')).toContain('tarball holds src/index.js')
  expect(problems.join('\n')).toMatch(/publint error/)
})

test('the consumer check fails when a consumer source does not type-check against the packed packages', async () => {
  const extra = join(scratch, 'broken-consumer.mts')
  writeFileSync(extra, "import { NoSuchExport } from '@flexengage/webhooks'\nconsole.log(NoSuchExport)\n")
  await expect(checkConsumer({ extra })).rejects.toThrow(/NoSuchExport/)
}, 600_000)

test('a size over its budget fails', async () => {
  const budgets = join(scratch, 'budgets.json')
  writeFileSync(
    budgets,
    JSON.stringify({
      budgets: [{ label: 'tiny', entry: 'packages/ergonomic/dist/index.js', gzipBytes: 100 }],
    }),
  )
  const [row] = await checkSizes(budgets)
  expect(row).toMatchObject({ label: 'tiny', over: true })
  expect(row?.size).toBeGreaterThan(100)
})

test('a README quick start that does not type-check fails', () => {
  const dir = join(scratch, 'readme-package')
  mkdirSync(dir)
  writeFileSync(join(dir, 'README.md'), '# x\n\n```ts\nconst count: number = "three"\n```\n')
  expect(checkReadmeSnippets(dir)).toMatch(/TS2322/)
  writeFileSync(join(dir, 'README.md'), '# x\n\n```ts\nconst count: number = 3\n```\n')
  expect(checkReadmeSnippets(dir)).toBe('')
})
