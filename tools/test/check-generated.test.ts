// check:generated is the guard against hand edits and stale output: prove it fails when it should.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { generatedDirOf, generators } from '../generate/generators.mjs'
import { bundledSpecPath, repoRoot } from '../paths.mjs'

const checkScript = join(repoRoot, 'tools/gates/check-generated.mjs')
const scratchDirs: string[] = []

const bundleIn = (tree: string) => join(tree, relative(repoRoot, bundledSpecPath))

/** A tree holding a copy of the committed bundled spec and every committed src/generated directory. */
function copyOfGeneratedTree() {
  const tree = mkdtempSync(join(tmpdir(), 'check-generated-fixture-'))
  scratchDirs.push(tree)
  mkdirSync(dirname(bundleIn(tree)), { recursive: true })
  cpSync(bundledSpecPath, bundleIn(tree))
  for (const generator of Object.values(generators)) {
    cpSync(generatedDirOf(repoRoot, generator), generatedDirOf(tree, generator), { recursive: true })
  }
  return tree
}

function check(tree: string) {
  const run = spawnSync(process.execPath, [checkScript, '--tree', tree], { encoding: 'utf8' })
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

const typesFile = (tree: string) => join(generatedDirOf(tree, generators.types), 'openapi.ts')

afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('check:generated', () => {
  test('passes on an untouched copy of the committed output', () => {
    const result = check(copyOfGeneratedTree())
    expect(result.output).toContain('match the spec')
    expect(result.status).toBe(0)
  })

  test('fails on a hand edit, showing the diff and naming the package', () => {
    const tree = copyOfGeneratedTree()
    const file = typesFile(tree)
    writeFileSync(file, readFileSync(file, 'utf8').replace('enabled: boolean;', 'enabled: string;'))
    const result = check(tree)
    expect(result.status).toBe(1)
    expect(result.output).toContain('-            enabled: string;')
    expect(result.output).toMatch(/types: packages\/types\/src\/generated differs/)
  })

  test('fails on a bundled spec that no longer matches the spec, naming it', () => {
    const tree = copyOfGeneratedTree()
    const bundled = JSON.parse(readFileSync(bundleIn(tree), 'utf8'))
    bundled.info.title = `${bundled.info.title} (stale)`
    writeFileSync(bundleIn(tree), JSON.stringify(bundled))
    const result = check(tree)
    expect(result.status).toBe(1)
    expect(result.output).toContain('spec/generated/openapi.json does not match the spec; run pnpm generate')
  })

  test('fails on a stray file the generator did not produce', () => {
    const tree = copyOfGeneratedTree()
    writeFileSync(join(generatedDirOf(tree, generators.types), 'extra.ts'), '// @generated\nexport {}\n')
    const result = check(tree)
    expect(result.status).toBe(1)
    expect(result.output).toContain('extra.ts')
  })

  test('fails on a generated file without the @generated header', () => {
    const tree = copyOfGeneratedTree()
    const file = typesFile(tree)
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(1).join('\n'))
    const result = check(tree)
    expect(result.status).toBe(1)
    expect(result.output).toContain('openapi.ts lacks the @generated header line')
  })
})
