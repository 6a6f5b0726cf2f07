#!/usr/bin/env node
// Usage: node tools/gates/check-changesets.mjs [--root DIR]
// Every change to a published package needs a changeset of its own: for each package, the files it
// publishes (its directory, tests aside) must not have changed since the last commit that added or
// consumed a changeset naming it. Holds before the first release too: a pending changeset covers
// the changes made before it, not every later one.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { repoRoot } from '../paths.mjs'
import { publishedPackages } from '../workspace.mjs'

/** Paths under a package that users never receive: a change there needs no changeset. */
const UNPUBLISHED = [
  ':(exclude,glob)packages/*/test/**',
  ':(exclude,glob)packages/*/**/*.test.ts',
  ':(exclude,glob)packages/*/vitest*.config.ts',
]

/** The package names in a changeset's front matter. */
export function packagesNamedIn(changesetText) {
  const front = /^---\n([\s\S]*?)\n---/.exec(changesetText)?.[1] ?? ''
  return [...front.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:/gm)].map((match) => match[1])
}

export function checkChangesets(root = repoRoot) {
  const git = (...args) => {
    const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`)
    return result.stdout
  }
  if (git('rev-parse', '--is-shallow-repository').trim() === 'true') {
    throw new Error('check-changesets needs the full history: git fetch --unshallow')
  }
  // Newest first: each commit that added (A) or consumed (D) changesets, and the packages they name.
  const changesetCommits = git('log', '--format=%H', '--diff-filter=AD', '--', '.changeset/*.md')
    .split('\n')
    .filter(Boolean)
    .map((commit) => {
      const named = git(
        'show',
        '--format=',
        '--name-status',
        '--diff-filter=AD',
        commit,
        '--',
        '.changeset/*.md',
      )
        .split('\n')
        .filter((line) => /^[AD]\t/.test(line) && !line.endsWith('README.md'))
        .flatMap((line) => {
          const [status, file] = line.split('\t')
          return packagesNamedIn(git('show', `${status === 'A' ? commit : `${commit}^`}:${file}`))
        })
      return { commit, named: new Set(named) }
    })
  // Changesets not committed yet (untracked or staged) cover what changed up to now.
  const pending = git('status', '--porcelain', '--untracked-files=all', '--', '.changeset/*.md')
    .split('\n')
    .filter((line) => /^(\?\?|A[ M]) /.test(line) && !line.endsWith('README.md'))
    .flatMap((line) => packagesNamedIn(readFileSync(join(root, line.slice(3)), 'utf8')))

  const problems = []
  for (const { dir, manifest } of publishedPackages(root)) {
    if (pending.includes(manifest.name)) continue
    const paths = ['--', relative(root, dir), ...UNPUBLISHED]
    const covering = changesetCommits.find(({ named }) => named.has(manifest.name))
    const since = covering ? [`${covering.commit}..HEAD`] : []
    const changedCommits = git('log', '--format=%h %s', ...since, ...paths)
      .split('\n')
      .filter(Boolean)
    const uncommitted = git('status', '--porcelain', ...paths).trim() !== ''
    if (changedCommits.length === 0 && !uncommitted) continue
    const last = changedCommits[0]?.slice(0, 80) ?? 'uncommitted changes'
    problems.push(
      `${manifest.name} changed since ${covering ? `its last changeset (${covering.commit.slice(0, 7)})` : 'the first commit'} without a changeset of its own: ${changedCommits.length} commit(s), the last ${last}`,
    )
  }
  return problems
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { root: { type: 'string', default: repoRoot } } })
  const problems = checkChangesets(values.root)
  if (problems.length > 0) {
    for (const problem of problems) console.error(`check-changesets: ${problem}`)
    console.error('Run pnpm changeset, name each package above, and describe the change for its users.')
    process.exit(1)
  }
  console.log('check-changesets: every change to a published package has a changeset')
}
