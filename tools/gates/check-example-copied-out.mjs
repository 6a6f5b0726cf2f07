// Run by tools/gates/release.mjs on the tarballs it packed.
// Does what an example's README tells a newcomer: copy the folder out of the repository, replace each
// `workspace:^` with a version (here the packed tarballs stand in for the registry's releases),
// install with npm, then type-check and run its tests as they are. Then go-to-definition, without the
// workspace's source condition (as any published consumer), must land in each package's shipped src/
// through the declaration maps, and a stack trace through the source maps.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { repoRoot } from '../paths.mjs'
import { run } from './check-consumer.mjs'
import { definitionsOfToolkitImports } from './definitions.mjs'

export const COPIED_EXAMPLE = 'receiver-express'

/** The example's manifest with every `workspace:` dependency pointing at its packed tarball. */
function withPublishedVersions(manifest, tarballs) {
  const replace = (dependencies = {}) =>
    Object.fromEntries(
      Object.entries(dependencies).map(([name, range]) => {
        if (!String(range).startsWith('workspace:')) return [name, range]
        if (!tarballs[name]) throw new Error(`${name} is not a published package`)
        return [name, tarballs[name]]
      }),
    )
  return {
    ...manifest,
    dependencies: replace(manifest.dependencies),
    devDependencies: replace(manifest.devDependencies),
    // The published packages depend on each other by version: those resolve to the tarballs too.
    overrides: tarballs,
  }
}

/** Go-to-definition without the workspace's source condition, as any published consumer: into src/. */
function checkDefinitions(app) {
  const definitions = definitionsOfToolkitImports(join(app, 'tsconfig.json'), { customConditions: [] })
  const elsewhere = definitions.filter(
    ({ file }) => !/\/node_modules\/@flexengage\/[^/]+\/src\/.+(?<!\.d)\.ts$/.test(file ?? ''),
  )
  if (definitions.length === 0 || elsewhere.length > 0)
    throw new Error(
      `go-to-definition on the packed packages must land in their src/: ${elsewhere.map(({ imported, file }) => `${imported} -> ${file}`).join(', ')}`,
    )
  return definitions.length
}

/** An error thrown inside a package, with --enable-source-maps: its stack names the TypeScript source line. */
function checkStackTrace(app) {
  const program = `import { verifyDelivery } from '@flexengage/webhooks/receiver'
try { await verifyDelivery({ body: '{}', headers: {} }) } catch (error) { console.log(error.stack) }`
  const stack = run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', program], app)
  const frame = /node_modules\/@flexengage\/webhooks\/src\/receiver\/[\w-]+\.ts:\d+/.exec(stack)?.[0]
  if (!frame) throw new Error(`a stack trace from the packed packages names no src/ line:\n${stack}`)
  return frame.replace(/^.*node_modules\//, '')
}

export async function checkExampleCopiedOut({ tarballs }) {
  const root = mkdtempSync(join(tmpdir(), 'flexengage-example-'))
  const app = join(root, COPIED_EXAMPLE)
  try {
    cpSync(join(repoRoot, 'examples', COPIED_EXAMPLE), app, {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    })
    const manifestPath = join(app, 'package.json')
    const manifest = withPublishedVersions(JSON.parse(readFileSync(manifestPath, 'utf8')), tarballs)
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2))
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app)
    run('npm', ['run', 'typecheck'], app)
    const tests = run('npm', ['test'], app)
    const passed = /Tests\s+(\d+) passed/.exec(stripVTControlCharacters(tests))?.[1]
    return `examples/${COPIED_EXAMPLE} copied out, on the packed packages: type-checked, ${passed ?? '?'} tests passed; go-to-definition of ${checkDefinitions(app)} imports lands in src/ (declaration maps); a stack trace names ${checkStackTrace(app)} (source maps)`
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
