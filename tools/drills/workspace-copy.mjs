// A temporary copy of the repository for the drill: its files as git knows them, installed offline
// from the store the real install filled, and the maintainer's commands run inside it.
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import writeChangesetModule from '@changesets/write'
import { parse, stringify } from 'yaml'
import { repoRoot } from '../paths.mjs'
import { pnpmCommand } from '../pnpm.mjs'
import { publishedPackages, specDerivedPackages } from '../workspace.mjs'

const writeChangeset = writeChangesetModule.default ?? writeChangesetModule

/**
 * @typedef {{ stdout: string, stderr: string, status: number | null }} Run
 * @typedef {ReturnType<typeof workspace>} Workspace
 */

function copyRepository(root) {
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .stdout.split('\0')
    .filter(Boolean)
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    cpSync(join(repoRoot, file), join(root, file))
  }
}

/** The copy, installed: every step of the drill runs through this. */
export async function workspaceCopy() {
  const root = mkdtempSync(join(tmpdir(), 'spec-change-drill-'))
  copyRepository(root)
  const copy = workspace(root)
  copy.pnpm(['install', '--offline', '--frozen-lockfile'])
  return copy
}

function workspace(root) {
  const specPath = join(root, 'spec/openapi.yaml')
  const originalSpec = readFileSync(specPath, 'utf8')
  const [pnpm, pnpmArgs] = pnpmCommand()

  /**
   * Runs a command in the copy; a result other than expected throws with its output.
   * @param {string} command
   * @param {string[]} args
   * @param {{ expectFailure?: boolean }} [options]
   */
  function run(command, args, { expectFailure = false } = {}) {
    const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' })
    if ((result.status !== 0) !== expectFailure) {
      throw new Error(
        `${command} ${args.join(' ')} ${expectFailure ? 'succeeded unexpectedly' : 'failed'}:\n${result.stdout}${result.stderr}`,
      )
    }
    return result
  }
  /** @param {string} script @param {{ args?: string[], expectFailure?: boolean }} [options] */
  const node = (script, { args = [], expectFailure = false } = {}) =>
    run(process.execPath, [script, ...args], { expectFailure })
  /** @param {string[]} args @param {{ expectFailure?: boolean }} [options] */
  const pnpmRun = (args, options) => run(pnpm, [...pnpmArgs, ...args], options)
  /** @param {string[]} args @param {{ expectFailure?: boolean }} [options] */
  const turbo = (args, options) => pnpmRun(['exec', 'turbo', 'run', ...args], options)
  const specDerived = specDerivedPackages(root)
  const published = publishedPackages(root).map(({ manifest }) => manifest.name)

  return {
    root,
    specDerived,
    published,
    node,
    pnpm: pnpmRun,
    turbo,
    /**
     * The maintainer's edit, always of the spec as it is on main, then `pnpm generate`'s bundle step.
     * @template T
     * @param {(spec: any) => T} edit
     * @param {{ indent?: number, comment?: string }} [options]
     * @returns {T}
     */
    editSpec(edit, { indent = 2, comment = '' } = {}) {
      const spec = parse(originalSpec)
      const result = edit(spec)
      writeFileSync(specPath, `${comment}${stringify(spec, { aliasDuplicateObjects: false, indent })}`)
      node('tools/generate/bundle-spec.mjs')
      return result
    },
    restoreSpec() {
      writeFileSync(specPath, originalSpec)
      node('tools/generate/bundle-spec.mjs')
    },
    /** turbo's hash of each generator task, without running anything. */
    generatorCacheKeys() {
      const dry = JSON.parse(turbo(['generate', '--dry=json']).stdout)
      return Object.fromEntries(
        dry.tasks
          .filter((task) => specDerived.some((name) => task.taskId === `${name}#generate`))
          .map((task) => [task.taskId, task.hash]),
      )
    },
    /** turbo regenerates (build depends on generate), then builds what users install. */
    buildPublished() {
      turbo(['build', ...published.map((name) => `--filter=${name}...`), '--output-logs=errors-only'])
    },
    /** Regenerates and builds the spec-derived packages (enough for the gates), then the API reports. */
    buildSpecDerived() {
      turbo(['build', ...specDerived.map((name) => `--filter=${name}`), '--output-logs=errors-only'])
      node('tools/gates/api-reports.mjs', { args: ['--update'] })
    },
    /**
     * Replaces the pending changesets by one, written as `changeset add` writes it.
     * @param {string[]} names
     * @param {'patch' | 'minor' | 'major'} type
     */
    async pendingChangesets(names, type) {
      const dir = join(root, '.changeset')
      for (const file of readdirSync(dir))
        if (file.endsWith('.md') && file !== 'README.md') rmSync(join(dir, file))
      await writeChangeset(
        {
          summary: `Drill: ${type} for ${names.length} package(s).`,
          releases: names.map((name) => ({ name, type })),
        },
        root,
      )
    },
    /** The release-level gate, expected to pass or fail; its output (naming what it needs). @param {boolean} passes */
    gate(passes) {
      const result = node('tools/gates/check-release-levels.mjs', { expectFailure: !passes })
      return `${result.stdout}${result.stderr}`
    },
    /** The published packages a gate's verdict says need a major. */
    needingMajor: (/** @type {string} */ verdict) =>
      published.filter((name) => verdict.includes(`${name} needs a major changeset`)),
    /** A module of the copy (its built packages), imported into the drill. */
    /** @returns {Promise<any>} */
    load: (/** @type {string} */ path) => import(pathToFileURL(join(root, path)).href),
    /** Type-checks `source` as a consumer file of the CLI package (strict, the workspace's settings). */
    /** @param {string} file @param {string} source */
    typecheck(file, source) {
      writeFileSync(join(root, 'packages/cli', file), source)
      writeFileSync(
        join(root, 'packages/cli/tsconfig.drill.json'),
        JSON.stringify({ extends: './tsconfig.json', include: [file], compilerOptions: { noEmit: true } }),
      )
      try {
        node('node_modules/typescript/bin/tsc', { args: ['-p', 'packages/cli/tsconfig.drill.json'] })
      } finally {
        rmSync(join(root, 'packages/cli', file))
        rmSync(join(root, 'packages/cli/tsconfig.drill.json'))
      }
    },
    /** A listener on 127.0.0.1: `{ url, close }`. */
    /** @param {import('node:http').RequestListener} listener */
    async serve(listener) {
      const server = createServer(listener)
      server.listen(0, '127.0.0.1')
      await once(server, 'listening')
      return {
        url: `http://127.0.0.1:${server.address().port}/hooks`,
        close: () => {
          server.closeAllConnections()
          server.close()
        },
      }
    },
    /** Waits for a condition; the deadline only stops a broken build. */
    /** @param {() => boolean | Promise<boolean>} check */
    async eventually(check, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('condition not met in time')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
}
