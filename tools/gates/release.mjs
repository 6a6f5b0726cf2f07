#!/usr/bin/env node
// Usage: node tools/gates/release.mjs (pnpm check:release): every release gate, the published
// packages packed once for the two that install them, and each gate's time printed.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkConsumer, packPublished } from './check-consumer.mjs'
import { checkExampleCopiedOut } from './check-example-copied-out.mjs'
import { checkRuntimes } from './check-runtimes.mjs'

const here = (script) => new URL(`./${script}`, import.meta.url).pathname

/** A gate run as its own script: its output as it goes, a failure stops the run. */
const script = (name) => () => {
  const run = spawnSync(process.execPath, [here(name)], { stdio: 'inherit' })
  if (run.status !== 0) throw new Error(`${name} failed`)
}

const packs = mkdtempSync(join(tmpdir(), 'flexengage-packs-'))
let tarballs
const gates = [
  ['check-coverage', script('check-coverage.mjs')],
  ['check-changesets', script('check-changesets.mjs')],
  ['api-reports', script('api-reports.mjs')],
  ['check-release-levels', script('check-release-levels.mjs')],
  [
    'pack',
    async () => {
      tarballs = await packPublished(packs)
    },
  ],
  ['check-consumer', async () => console.log(`check-consumer: ${await checkConsumer({ tarballs })}`)],
  [
    'check-example-copied-out',
    async () => console.log(`check-example-copied-out: ${await checkExampleCopiedOut({ tarballs })}`),
  ],
  ['check-runtimes', async () => console.log(`check-runtimes: ${await checkRuntimes({ tarballs })}`)],
  ['check-sizes', script('check-sizes.mjs')],
  ['check-readme-snippets', script('check-readme-snippets.mjs')],
  ['build-docs', script('build-docs.mjs')],
]

const times = []
try {
  for (const [name, gate] of gates) {
    const started = performance.now()
    await gate()
    times.push(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  console.log(`release gates green: ${times.join(', ')}`)
} catch (error) {
  console.error(`release gates: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  rmSync(packs, { recursive: true, force: true })
}
