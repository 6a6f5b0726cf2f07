// The runtime matrix (run by tools/gates/release.mjs on the tarballs it packed), on the packed
// packages installed outside the workspace, each runtime running a smoke program native to it
// (tools/gates/runtimes/, real files that lint and type-check), every binary from the npm registry
// (cached, see runtime-binaries.mjs):
// - Node 20, 22, 24, 26 (the running Node for its own major): ESM and CJS, the client against a real sandbox, the sandbox's
//   signed delivery verified through `receiver.node`, a tampered one refused; both CLIs.
// - Bun and Deno: `receiver.fetch` under Bun.serve / Deno.serve verifying a signed delivery (key
//   served over loopback) and refusing a tampered one; the client against the mock.
// - workerd (Miniflare): `receiver.fetch` inside Cloudflare's runtime, same two deliveries.
// - MSW 3 (Node >= 22.12): setupServer with the mock's handlers, and the MSW adapter's own test
//   suite run again with MSW 3 in place of the workspace's MSW 2.
// Prints the table and the time it took.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { loopbackOnlyScript, repoRoot } from '../paths.mjs'
import { installPackedPackages } from './check-consumer.mjs'
import { cachedInstall, nodeBinary, runtimeBinary } from './runtime-binaries.mjs'

// Every Node major consumers may run; the running Node stands in for its own major.
const NODE_MAJORS = [20, 22, 24, 26]
const BUN = '1.4.5'
const DENO = '2.9.6'
const MSW_3 = '3.0.5'
const MINIFLARE_4 = '4.20260730.0'

/**
 * Runs a command in `cwd`; throws with its output when it fails, or when a Node process it started
 * tried to reach a host other than this machine (the loopback-only preload refuses and reports it).
 */
function execute(cwd, command, args, env = {}) {
  const started = performance.now()
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --require ${loopbackOnlyScript}`.trim()
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: nodeOptions, ...env },
  })
  if (result.status !== 0 || result.stderr.includes('[loopback-only] refused')) {
    throw new Error(`${[command, ...args].join(' ')} failed:\n${result.stdout}${result.stderr}`)
  }
  return { stdout: result.stdout, seconds: ((performance.now() - started) / 1000).toFixed(1) }
}

/** A table row's result: the smoke script's last line, and how long it took. */
function runIn(cwd, command, args, env = {}) {
  const { stdout, seconds } = execute(cwd, command, args, env)
  return { said: stdout.trim().split('\n').at(-1), seconds }
}

const versionOf = (binary) =>
  spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim().split('\n')[0]

/** Both CLIs print their usage on this Node. */
function clis(app, node) {
  const said = ['flexengage-webhooks', 'flexengage-sandbox'].map((cli) => {
    const { stdout } = execute(app, node, [join(app, 'node_modules', '.bin', cli), '--help'])
    if (!/Usage/i.test(stdout)) throw new Error(`${cli} --help printed no usage:\n${stdout}`)
    return `${cli} --help`
  })
  return { said: `${said.join(', ')}: usage printed`, seconds: '-' }
}

/**
 * The MSW adapter's suite (packages/mock-handlers: vitest.msw3.config.ts) on this Node, with MSW 3
 * from the cache where the workspace has MSW 2.
 */
function mswAdapterSuite(node) {
  const msw3 = join(cachedInstall(`msw-${MSW_3}`, [`msw@${MSW_3}`]), 'node_modules', 'msw')
  const dir = join(repoRoot, 'packages', 'mock-handlers')
  const vitest = join(
    dirname(createRequire(join(dir, 'package.json')).resolve('vitest/package.json')),
    'vitest.mjs',
  )
  const run = execute(dir, node, [vitest, 'run', '--config', 'vitest.msw3.config.ts'], { MSW3_DIR: msw3 })
  const summary = stripVTControlCharacters(run.stdout)
  const tests = /Tests\s+(\d+) passed/.exec(summary)?.[1]
  if (!tests) throw new Error(`the MSW 3 suite ran no tests:\n${summary}`)
  return { said: `the adapter's own suite: ${tests} tests passed`, seconds: run.seconds }
}

/** The smoke programs (tools/gates/runtimes/), copied into the consumer project that runs them. */
const PROGRAMS = fileURLToPath(new URL('./runtimes/', import.meta.url))

/** The smoke programs copied into the project, and the worker bundled as wrangler would ship it. */
async function prepareProject(app) {
  // The programs only: not the workspace package that type-checks them.
  for (const name of readdirSync(PROGRAMS).filter((file) => /\.[mc]?js$/.test(file)))
    cpSync(join(PROGRAMS, name), join(app, name))
  const { build } = await import('esbuild')
  await build({
    absWorkingDir: app,
    entryPoints: ['worker.mjs'],
    outfile: join(app, 'worker.bundle.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser', 'import'],
    logLevel: 'error',
  })
}

/** ESM, CJS and both CLIs on each supported Node major. */
function nodeRows(app) {
  const runningMajor = Number(process.versions.node.split('.')[0])
  return NODE_MAJORS.flatMap((major) => {
    const node = major === runningMajor ? process.execPath : nodeBinary(major)
    const runtime = `Node ${versionOf(node)}`
    return [
      { runtime, package: 'webhooks + receiver.node + sandbox (ESM)', ...runIn(app, node, ['node-esm.mjs']) },
      { runtime, package: 'webhooks + receiver.node + sandbox (CJS)', ...runIn(app, node, ['node-cjs.cjs']) },
      { runtime, package: 'webhooks-cli, webhooks-sandbox (bins)', ...clis(app, node) },
    ]
  })
}

/** Bun, Deno, workerd and MSW 3 (the last two on Node 24, which they need). */
function otherRuntimeRows(app, root) {
  const node24 = nodeBinary(24)
  // What npm really installed beside the tarballs (the peer ranges must have let it).
  const installed = (name) =>
    `${name} ${JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version}`
  const bun = runtimeBinary('bun', BUN)
  const deno = runtimeBinary('deno', DENO)
  return [
    {
      runtime: `Bun ${versionOf(bun)}`,
      package: 'webhooks + receiver.fetch (Bun.serve)',
      ...runIn(app, bun, ['web.mjs']),
    },
    {
      runtime: versionOf(deno).replace(/^deno (\S+).*/, 'Deno $1'),
      package: 'webhooks + receiver.fetch (Deno.serve)',
      ...runIn(app, deno, ['run', '--allow-all', '--node-modules-dir=manual', 'web.mjs'], {
        DENO_DIR: join(root, 'deno'),
      }),
    },
    {
      runtime: `workerd (${installed('miniflare')})`,
      package: 'webhooks/receiver (receiver.fetch)',
      ...runIn(app, node24, ['workerd.mjs']),
    },
    {
      runtime: `Node ${versionOf(node24)}, ${installed('msw')}`,
      package: 'mock-handlers/msw setupServer',
      ...runIn(app, node24, ['msw3.mjs']),
    },
    {
      runtime: `Node ${versionOf(node24)}, msw ${MSW_3}`,
      package: 'mock-handlers/msw',
      ...mswAdapterSuite(node24),
    },
  ]
}

/** The runtime matrix on already packed tarballs (name -> file), printed as a table. */
export async function checkRuntimes({ tarballs }) {
  const started = performance.now()
  const root = mkdtempSync(join(tmpdir(), 'flexengage-runtimes-'))
  try {
    // MSW 3 and Miniflare declare Node >= 22: they run on the Node 24 binary, not the one installing.
    const app = await installPackedPackages(
      root,
      tarballs,
      { msw: MSW_3, miniflare: MINIFLARE_4 },
      { engineStrict: false },
    )
    await prepareProject(app)
    const rows = [...nodeRows(app), ...otherRuntimeRows(app, root)]
    console.table(rows)
    const runtimes = new Set(rows.map((row) => row.runtime)).size
    return `${rows.length} checks on ${runtimes} runtimes green in ${((performance.now() - started) / 1000).toFixed(1)} s (installs included)`
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
