#!/usr/bin/env node
// Builds docs/api/index.html (redocly build-docs, from the spec) and docs/webhooks/ (TypeDoc for
// @flexengage/webhooks and its ./receiver subpath). Warnings fail the build.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { repoRoot } from '../paths.mjs'

const require = createRequire(import.meta.url)
const bin = (pkg, path) => join(dirname(require.resolve(`${pkg}/package.json`)), path)
const steps = [
  [bin('@redocly/cli', 'bin/cli.js'), 'build-docs', 'spec/openapi.yaml', '--output', 'docs/api/index.html'],
  [
    bin('typedoc', 'bin/typedoc'),
    '--entryPoints',
    'packages/ergonomic/src/index.ts',
    '--entryPoints',
    'packages/ergonomic/src/receiver/index.ts',
    '--tsconfig',
    'packages/ergonomic/tsconfig.docs.json',
    '--readme',
    'packages/ergonomic/README.md',
    '--name',
    '@flexengage/webhooks',
    '--out',
    'docs/webhooks',
    // Source links would point at a git remote; the docs are built offline from the working tree.
    '--disableSources',
    '--treatWarningsAsErrors',
  ],
]
for (const [script, ...args] of steps) {
  const run = spawnSync(process.execPath, [script, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  })
  if (run.status !== 0) {
    console.error(`${run.stdout}${run.stderr}`)
    process.exit(1)
  }
}
console.log('docs: docs/api/index.html (API reference from the spec), docs/webhooks/ (TypeDoc)')
