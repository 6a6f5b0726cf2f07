#!/usr/bin/env node
// Usage: node tools/gates/check-readme-snippets.mjs [--dir PACKAGE_DIR]...
// Type-checks every ```ts block of each published package's README against the built packages, so a
// quick start cannot rot. Names a snippet leaves to the reader (a token getter, a raw body) are
// declared in an HTML comment right above the block: <!-- snippet-prelude: declare const x: string -->
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { repoRoot } from '../paths.mjs'
import { publishedPackageDirs } from '../workspace.mjs'

const require = createRequire(import.meta.url)
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc')
const BLOCK = /(?:<!--\s*snippet-prelude:\s*([\s\S]*?)-->\s*\n)?```ts\n([\s\S]*?)```/g

export function extractSnippets(readme) {
  return [...readme.matchAll(BLOCK)].map(
    ([, prelude, code]) => `${prelude?.trim() ?? ''}\n${code}\nexport {}\n`,
  )
}

/** Returns the compiler's complaints ('' when every snippet type-checks). */
export function checkReadmeSnippets(packageDir) {
  const snippets = extractSnippets(readFileSync(join(packageDir, 'README.md'), 'utf8'))
  if (snippets.length === 0) return ''
  const dir = join(packageDir, '.readme-snippets')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir)
  try {
    for (const [i, snippet] of snippets.entries()) writeFileSync(join(dir, `snippet-${i + 1}.ts`), snippet)
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(dir, join(repoRoot, 'tsconfig.base.json')),
        compilerOptions: {
          module: 'preserve',
          moduleResolution: 'bundler',
          noEmit: true,
          noUnusedLocals: false,
        },
        include: ['*.ts'],
      }),
    )
    const run = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: packageDir, encoding: 'utf8' })
    return run.status === 0 ? '' : `${run.stdout}${run.stderr}`
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { dir: { type: 'string', multiple: true } } })
  let failed = false
  for (const dir of values.dir ?? publishedPackageDirs()) {
    const problems = checkReadmeSnippets(dir)
    const count = extractSnippets(readFileSync(join(dir, 'README.md'), 'utf8')).length
    console.log(
      `${problems ? 'FAIL' : 'ok  '} ${relative(repoRoot, dir)}/README.md (${count} TypeScript snippet(s))`,
    )
    if (problems) console.log(problems.replace(/^/gm, '       '))
    failed ||= Boolean(problems)
  }
  if (failed) process.exit(1)
}
