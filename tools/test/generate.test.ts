// `generate` on an invalid spec must stop with the linter's file:line message and write nothing.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { stringify } from 'yaml'
import { generatedDirOf, generators } from '../generate/generators.mjs'
import { defaultSpecPath, repoRoot } from '../paths.mjs'
import { loadSpec, normalizedSpecText } from '../spec/document.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'generate-invalid-spec-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function fingerprint(dir: string) {
  const hash = createHash('sha256')
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    hash.update(name)
    try {
      hash.update(readFileSync(join(dir, name)))
    } catch {
      // a directory: its name is enough
    }
  }
  return hash.digest('hex')
}

test.each(Object.keys(generators))(
  'generate %s on an invalid spec names file and line, writes nothing',
  (name) => {
    const badSpec = join(scratch, `broken-${name}.yaml`)
    // operationId must be a string: turning it into a list is a structural error redocly reports.
    const lines = readFileSync(defaultSpecPath, 'utf8').split('\n')
    const line = lines.findIndex((l) => l.includes('operationId: createWebhook')) + 1
    lines[line - 1] =
      lines[line - 1]?.replace('operationId: createWebhook', 'operationId: [createWebhook]') ?? ''
    writeFileSync(badSpec, lines.join('\n'))

    const target = generatedDirOf(repoRoot, generators[name as keyof typeof generators])
    const before = fingerprint(target)
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, 'tools/generate/generate.mjs'), name, '--spec', badSpec],
      {
        encoding: 'utf8',
      },
    )
    const output = `${run.stdout}${run.stderr}`
    expect(run.status).toBe(1)
    expect(output).toContain(`broken-${name}.yaml:${line}:`)
    expect(output).toContain('no generated file was changed')
    expect(fingerprint(target)).toBe(before)
  },
)

test('the bundled spec ignores comments, indentation and key order, and keeps every change of meaning', () => {
  const original = loadSpec(defaultSpecPath)
  const reordered = Object.fromEntries(Object.entries(original).reverse())
  const file = join(scratch, 'reformatted.yaml')
  writeFileSync(file, `# a comment\n${stringify(reordered, { indent: 4 })}`)
  expect(normalizedSpecText(loadSpec(file))).toBe(normalizedSpecText(original))
  expect(normalizedSpecText({ ...original, info: { ...original.info, title: 'renamed' } })).not.toBe(
    normalizedSpecText(original),
  )
})

test('regenerating the fetch client without java names what to install', () => {
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', "import('./generate/generators.mjs').then((m) => m.assertJavaAvailable())"],
    { cwd: join(repoRoot, 'tools'), encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } },
  )
  expect(run.status).not.toBe(0)
  expect(run.stderr).toContain('Java 17 or later is required to regenerate packages/fetch-client')
  expect(run.stderr).toContain('apt-get install -y openjdk-17-jre-headless')
})
