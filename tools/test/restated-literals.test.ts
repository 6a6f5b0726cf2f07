// The restated-literals check: green on this repository, red (naming file and line) the moment a
// handwritten source types one of the spec's distinctive facts, such as a delivery header name.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { distinctiveLiterals, restatedLiterals } from '../gates/check-restated-literals.mjs'
import { bundledSpecPath, repoRoot } from '../paths.mjs'
import { describeDelivery } from '../spec/delivery.mjs'
import { loadSpec } from '../spec/document.mjs'

const spec = loadSpec(bundledSpecPath)
const scratch = mkdtempSync(join(tmpdir(), 'restated-literals-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A git tree holding `files` (path -> text). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(scratch, 'tree-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  execFileSync('git', ['init', '-q'], { cwd: root })
  return root
}

test('this repository restates none of the spec’s distinctive literals', () => {
  expect(restatedLiterals(repoRoot, spec)).toEqual([])
})

test('a delivery header name typed into a handwritten file fails the check, naming file and line', () => {
  const [signatureHeader] = Object.values(describeDelivery(spec).headerNames).filter((name) =>
    /^x-/i.test(name),
  )
  const root = tree({
    'packages/app/src/index.ts': `// fine\nconst header = '${String(signatureHeader).toUpperCase()}'\n`,
    'packages/app/src/generated/ok.ts': `export const h = '${signatureHeader}'\n`,
    'packages/app/test/ok.test.ts': `const h = '${signatureHeader}'\n`,
  })
  expect(restatedLiterals(root, spec)).toEqual([
    { file: 'packages/app/src/index.ts', line: 2, literal: signatureHeader, what: 'a delivery header name' },
  ])
})

test('every kind of literal is caught: hosts, URLs, paths and event types', () => {
  const literals = distinctiveLiterals(spec)
  const root = tree({
    'tools/gate.mjs': literals.map((l: { literal: string }) => `'${l.literal}'`).join('\n'),
  })
  const found = restatedLiterals(root, spec)
  expect(found.map((f: { line: number }) => f.line)).toEqual(literals.map((_: unknown, i: number) => i + 1))
  expect(new Set(found.map((f: { what: string }) => f.what))).toEqual(
    new Set([
      'a delivery header name',
      'a fixed delivery header value',
      'a server URL',
      'a server host',
      'a key host',
      'an operation path',
      'a listed event type',
    ]),
  )
})
