// Each release gate must be able to fail: a fixture for each shows it does.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { checkConsumer, packPublished } from '../gates/check-consumer.mjs'
import { checkPackage } from '../gates/check-packages.mjs'
import { checkReadmeSnippets } from '../gates/check-readme-snippets.mjs'
import { checkSizes } from '../gates/check-sizes.mjs'
import { repoRoot } from '../paths.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'release-gates-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

test('every change to a published package needs a changeset of its own, before the first release too', () => {
  const clone = join(scratch, 'clone')
  const git = (...args: string[]) => spawnSync('git', args, { cwd: clone, encoding: 'utf8' })
  spawnSync('git', ['clone', '--quiet', repoRoot, clone])
  git('config', 'user.email', 'gate@test.invalid')
  git('config', 'user.name', 'gate test')
  const check = () =>
    spawnSync(process.execPath, [join(repoRoot, 'tools/gates/check-changesets.mjs'), '--root', clone], {
      encoding: 'utf8',
    })
  expect(check().status).toBe(0)
  const [packageDir] = readdirSync(join(clone, 'packages')).filter(
    (dir) => !JSON.parse(readFileSync(join(clone, 'packages', dir, 'package.json'), 'utf8')).private,
  )
  const { name } = JSON.parse(
    readFileSync(join(clone, 'packages', packageDir as string, 'package.json'), 'utf8'),
  )

  // A test-only change publishes nothing.
  mkdirSync(join(clone, 'packages', packageDir as string, 'test'), { recursive: true })
  writeFileSync(join(clone, 'packages', packageDir as string, 'test/extra.test.ts'), '// a test\n')
  git('add', '-A')
  git('commit', '--quiet', '-m', 'a test')
  expect(check().status).toBe(0)

  // A published file changes after every pending changeset: refused, naming the package and commit.
  writeFileSync(join(clone, 'packages', packageDir as string, 'src/added.ts'), 'export const added = 1\n')
  git('add', '-A')
  git('commit', '--quiet', '-m', 'a change users receive')
  const failing = check()
  expect(failing.status).toBe(1)
  expect(failing.stderr).toContain(`${name} changed since its last changeset`)
  expect(failing.stderr).toContain('a change users receive')

  writeFileSync(join(clone, '.changeset/added.md'), `---\n"${name}": minor\n---\n\nAdds \`added\`.\n`)
  expect(check().status).toBe(0)
  git('add', '-A')
  git('commit', '--quiet', '-m', 'its changeset')
  expect(check().status).toBe(0)
})

test('a package with files users do not need and exports that point nowhere is refused', async () => {
  const dir = join(scratch, 'bad-package')
  mkdirSync(join(dir, 'src/test'), { recursive: true })
  writeFileSync(join(dir, 'src/index.js'), 'export const x = 1\n')
  writeFileSync(join(dir, 'src/test/index.test.js'), 'export const y = 2\n')
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
  expect(problems.join('\n')).toContain('tarball holds src/test/index.test.js')
  expect(problems.join('\n')).toMatch(/publint error/)
})

test('the consumer check fails when a consumer source does not type-check against the packed packages', async () => {
  const extra = join(scratch, 'broken-consumer.mts')
  writeFileSync(extra, "import { NoSuchExport } from '@flexengage/webhooks'\nconsole.log(NoSuchExport)\n")
  const packs = join(scratch, 'packs')
  mkdirSync(packs)
  const tarballs = await packPublished(packs)
  await expect(checkConsumer({ tarballs, extra })).rejects.toThrow(/NoSuchExport/)
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
