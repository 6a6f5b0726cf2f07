#!/usr/bin/env node
// Usage: node tools/check-changesets.mjs [--root DIR]
// Fails when a published package changed since the last release without a changeset: runs
// `changeset status --since <last release tag, or the first commit before any release>`.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { repoRoot } from './paths.mjs'

const require = createRequire(import.meta.url)
const { values } = parseArgs({ options: { root: { type: 'string', default: repoRoot } } })
const git = (...args) => spawnSync('git', args, { cwd: values.root, encoding: 'utf8' })

// changesets publish tags each release as <name>@<version>.
const tag = git('describe', '--tags', '--abbrev=0', '--match', '@flexengage/*').stdout.trim()
const since = tag || git('rev-list', '--max-parents=0', 'HEAD').stdout.trim().split('\n').at(-1)
const changeset = join(
  dirname(require.resolve('@changesets/cli/package.json', { paths: [repoRoot] })),
  'bin.js',
)
const status = spawnSync(process.execPath, [changeset, 'status', `--since=${since}`], {
  cwd: values.root,
  encoding: 'utf8',
})
const output = `${status.stdout}${status.stderr}`
if (status.status !== 0 || /error/.test(output)) {
  console.error(output.trim())
  console.error(
    `check-changesets: a published package changed since ${tag || 'the first commit'} without a changeset; run pnpm changeset`,
  )
  process.exit(1)
}
console.log(
  `check-changesets: every published package changed since ${tag || 'the first commit'} has a changeset`,
)
