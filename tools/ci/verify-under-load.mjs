#!/usr/bin/env node
// Usage: node tools/ci/verify-under-load.mjs [--runs N] [--node MAJOR] [--busy N]
// Runs the README's test command (`.ci/run`) N times, each from a fresh clone of this repository's
// HEAD, while one busy process per core keeps every core saturated; prints each run's result and
// time. --node 24 makes a Node 24 binary from the npm registry the running Node (first on PATH);
// --busy sets the number of busy processes (0: a quiet machine, to prove a Node version alone).
// Exits 1 when any run failed; each run's full output is kept in a log file it names.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { nodeBinary } from '../gates/runtime-binaries.mjs'
import { repoRoot } from '../paths.mjs'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    node: { type: 'string' },
    busy: { type: 'string', default: String(availableParallelism()) },
  },
})
const runs = Number(values.runs)
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive whole number, got "${values.runs}"`)
  process.exit(2)
}
const busyCount = Number(values.busy)
if (!Number.isInteger(busyCount) || busyCount < 0) {
  console.error(`--busy must be a whole number, got "${values.busy}"`)
  process.exit(2)
}
const node = values.node ? nodeBinary(values.node) : process.execPath
const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}`, CI: 'true' }

async function run(command, args, options) {
  const child = spawn(command, args, options)
  const [code] = await once(child, 'exit')
  return code
}

// One busy loop per core, started once for all runs: nothing to install.
const busy = Array.from({ length: busyCount }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
)
const stopBusy = () => {
  for (const child of busy) child.kill('SIGKILL')
}
process.on('exit', stopBusy)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(130))
}

const version = spawnSync(node, ['--version'], { encoding: 'utf8' })
console.log(
  `verify under load: ${runs} run(s) of .ci/run from fresh clones, Node ${version.stdout.trim()}, ${busy.length} busy process(es)`,
)
const results = []
for (let i = 1; i <= runs; i++) {
  const clone = mkdtempSync(join(tmpdir(), 'verify-under-load-'))
  const log = join(tmpdir(), `verify-under-load-${process.pid}-${i}.log`)
  const started = process.hrtime.bigint()
  let code = await run('git', ['clone', '--quiet', repoRoot, clone], { stdio: 'inherit' })
  if (code === 0) {
    const out = createWriteStream(log)
    const child = spawn('bash', ['.ci/run'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.pipe(out)
    child.stderr.pipe(out)
    ;[code] = await once(child, 'exit')
    out.end()
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  results.push({ run: i, ok: code === 0, seconds })
  console.log(
    `run ${i}/${runs}: ${code === 0 ? 'green' : `RED (exit ${code})`} in ${seconds.toFixed(0)} s  (log: ${log})`,
  )
  rmSync(clone, { recursive: true, force: true })
}
stopBusy()
const green = results.filter((r) => r.ok).length
console.log(`${green} passed, ${results.length - green} failed`)
process.exit(green === results.length ? 0 : 1)
