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

/** @typedef {{ stdout: string, stderr: string, status: number | null }} Run */

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
  const copy = new Workspace(root)
  copy.pnpm(['install', '--offline', '--frozen-lockfile'])
  return copy
}

export class Workspace {
  /** @param {string} root */
  constructor(root) {
    this.root = root
    this.specPath = join(root, 'spec/openapi.yaml')
    this.originalSpec = readFileSync(this.specPath, 'utf8')
    this.specDerived = specDerivedPackages(root)
    this.published = publishedPackages(root).map(({ manifest }) => manifest.name)
  }

  /**
   * Runs a command in the copy; a result other than expected throws with its output.
   * @param {string} command
   * @param {string[]} args
   * @param {{ expectFailure?: boolean }} [options]
   * @returns {Run}
   */
  run(command, args, { expectFailure = false } = {}) {
    const result = spawnSync(command, args, { cwd: this.root, encoding: 'utf8' })
    if ((result.status !== 0) !== expectFailure) {
      throw new Error(
        `${command} ${args.join(' ')} ${expectFailure ? 'succeeded unexpectedly' : 'failed'}:\n${result.stdout}${result.stderr}`,
      )
    }
    return result
  }

  /** @param {string} script @param {{ args?: string[], expectFailure?: boolean }} [options] */
  node(script, { args = [], expectFailure = false } = {}) {
    return this.run(process.execPath, [script, ...args], { expectFailure })
  }

  /** @param {string[]} args @param {{ expectFailure?: boolean }} [options] */
  pnpm(args, options) {
    const [pnpm, pnpmArgs] = pnpmCommand()
    return this.run(pnpm, [...pnpmArgs, ...args], options)
  }

  /** @param {string[]} args @param {{ expectFailure?: boolean }} [options] */
  turbo(args, options) {
    return this.pnpm(['exec', 'turbo', 'run', ...args], options)
  }

  /**
   * The maintainer's edit, always of the spec as it is on main, then `pnpm generate`'s bundle step.
   * @template T
   * @param {(spec: any) => T} edit
   * @param {{ indent?: number, comment?: string }} [options]
   * @returns {T}
   */
  editSpec(edit, { indent = 2, comment = '' } = {}) {
    const spec = parse(this.originalSpec)
    const result = edit(spec)
    writeFileSync(this.specPath, `${comment}${stringify(spec, { aliasDuplicateObjects: false, indent })}`)
    this.node('tools/generate/bundle-spec.mjs')
    return result
  }

  restoreSpec() {
    writeFileSync(this.specPath, this.originalSpec)
    this.node('tools/generate/bundle-spec.mjs')
  }

  /** turbo's hash of each generator task, without running anything. */
  generatorCacheKeys() {
    const dry = JSON.parse(this.turbo(['generate', '--dry=json']).stdout)
    return Object.fromEntries(
      dry.tasks
        .filter((/** @type {any} */ task) =>
          this.specDerived.some((name) => task.taskId === `${name}#generate`),
        )
        .map((/** @type {any} */ task) => [task.taskId, task.hash]),
    )
  }

  /** turbo regenerates (build depends on generate), then builds what users install. */
  buildPublished() {
    this.turbo(['build', ...this.published.map((name) => `--filter=${name}...`), '--output-logs=errors-only'])
  }

  /** Regenerates and builds the spec-derived packages (enough for the gates), then the API reports. */
  buildSpecDerived() {
    this.turbo(['build', ...this.specDerived.map((name) => `--filter=${name}`), '--output-logs=errors-only'])
    this.node('tools/gates/api-reports.mjs', { args: ['--update'] })
  }

  /**
   * Replaces the pending changesets by one, written as `changeset add` writes it.
   * @param {string[]} names
   * @param {'patch' | 'minor' | 'major'} type
   */
  async pendingChangesets(names, type) {
    const dir = join(this.root, '.changeset')
    for (const file of readdirSync(dir))
      if (file.endsWith('.md') && file !== 'README.md') rmSync(join(dir, file))
    await writeChangeset(
      {
        summary: `Drill: ${type} for ${names.length} package(s).`,
        releases: names.map((name) => ({ name, type })),
      },
      this.root,
    )
  }

  /** The release-level gate, expected to pass or fail; its output (naming what it needs). @param {boolean} passes */
  gate(passes) {
    const result = this.node('tools/gates/check-release-levels.mjs', { expectFailure: !passes })
    return `${result.stdout}${result.stderr}`
  }

  /** The published packages a gate's verdict says need a major. @param {string} verdict */
  needingMajor(verdict) {
    return this.published.filter((name) => verdict.includes(`${name} needs a major changeset`))
  }

  /** A module of the copy (its built packages), imported into the drill. @param {string} path @returns {Promise<any>} */
  load(path) {
    return import(pathToFileURL(join(this.root, path)).href)
  }

  /** Type-checks `source` as a consumer file of the CLI package (strict, the workspace's settings). @param {string} file @param {string} source */
  typecheck(file, source) {
    const cli = join(this.root, 'packages/cli')
    writeFileSync(join(cli, file), source)
    writeFileSync(
      join(cli, 'tsconfig.drill.json'),
      JSON.stringify({ extends: './tsconfig.json', include: [file], compilerOptions: { noEmit: true } }),
    )
    try {
      this.node('node_modules/typescript/bin/tsc', { args: ['-p', 'packages/cli/tsconfig.drill.json'] })
    } finally {
      rmSync(join(cli, file))
      rmSync(join(cli, 'tsconfig.drill.json'))
    }
  }

  /** A listener on 127.0.0.1: `{ url, close }`. @param {import('node:http').RequestListener} listener */
  async serve(listener) {
    const server = createServer(listener)
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
    return {
      url: `http://127.0.0.1:${port}/hooks`,
      close: () => {
        server.closeAllConnections()
        server.close()
      },
    }
  }

  remove() {
    rmSync(this.root, { recursive: true, force: true })
  }
}
