#!/usr/bin/env node
// Usage: node tools/gates/check-packages.mjs [--dir PACKAGE_DIR]... [--keep DIR]
// Packs every published package (pnpm pack, as `changeset publish` would) and checks each tarball:
// it holds only dist/, src/, README.md, LICENSE and package.json; publint finds nothing; and
// @arethetypeswrong/cli resolves its types under node16 (ESM and CJS) and bundler.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { pnpmCommand } from '../pnpm.mjs'
import { publishedPackageDirs } from '../workspace.mjs'

const require = createRequire(import.meta.url)
const attwBin = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist/index.js')
// dist-inspector/: the sandbox inspector's page, served by the sandbox at run time. src/: the
// TypeScript sources the source maps (and the `@flexengage/source` export condition) point at, but
// never a test or a fixture.
const ALLOWED =
  /^package\/(package\.json|README\.md|LICENSE|dist\/.+|src\/(?!.*(\.test\.|\/test\/)).+\.(ts|js|d\.ts)|dist-inspector\/(index\.html|app\.js|app\.css))$/

/** Packs with pnpm (workspace: ranges become real versions, as in a publish). */
export function pack(dir, destination) {
  const [command, leading] = pnpmCommand()
  const run = spawnSync(command, [...leading, 'pack', '--pack-destination', destination], {
    cwd: dir,
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`pnpm pack failed in ${dir}:\n${run.stdout}${run.stderr}`)
  const tarball = run.stdout.trim().split('\n').at(-1)?.trim() ?? ''
  return tarball.startsWith('/') ? tarball : join(destination, tarball)
}

export async function checkPackage(dir, destination) {
  const problems = []
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const tarball = pack(dir, destination)
  const entries = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n')
  for (const entry of entries)
    if (!ALLOWED.test(entry))
      problems.push(`tarball holds ${entry.replace(/^package\//, '')}, which users do not need`)
  for (const needed of ['package/package.json', 'package/README.md', 'package/LICENSE']) {
    if (!entries.includes(needed)) problems.push(`tarball lacks ${needed.replace(/^package\//, '')}`)
  }
  const bytes = readFileSync(tarball)
  // No pkgDir: publint then lints the unpacked tarball itself, exactly what users would install.
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    strict: true,
  })
  for (const message of messages)
    problems.push(`publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`)
  const importable = Object.keys(manifest.exports ?? {}).some((key) => key !== './package.json')
  if (importable) {
    // node10 predates `exports` and cannot see subpaths: checked are node16 (ESM, CJS) and bundler.
    const attw = spawnSync(process.execPath, [attwBin, tarball, '--profile', 'node16', '--format', 'ascii'], {
      encoding: 'utf8',
    })
    // The CLI package's bin is not importable; every other package is checked.
    if (attw.status !== 0) problems.push(`@arethetypeswrong/cli:\n${attw.stdout}${attw.stderr}`)
  }
  return { name: manifest.name, tarball, problems }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { dir: { type: 'string', multiple: true }, keep: { type: 'string' } },
  })
  const destination = values.keep ?? mkdtempSync(join(tmpdir(), 'flexengage-packs-'))
  let failed = false
  try {
    for (const dir of values.dir ?? publishedPackageDirs()) {
      const { name, problems } = await checkPackage(dir, destination)
      console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}`)
      for (const problem of problems) console.log(`       ${problem.replaceAll('\n', '\n       ')}`)
      failed ||= problems.length > 0
    }
  } finally {
    if (!values.keep) rmSync(destination, { recursive: true, force: true })
  }
  if (failed) process.exit(1)
}
