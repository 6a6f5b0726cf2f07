#!/usr/bin/env node
// Some tests drive real programs from Debian: Chromium (the browser test) and redis-server (the
// shared dedupe store). Install whichever is missing (as root, via apt-get), so no test skips
// silently; otherwise say exactly what to run.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Debian package -> the program the tests run. */
const NEEDED = { chromium: '/usr/bin/chromium', 'redis-server': '/usr/bin/redis-server' }

const missing = Object.keys(NEEDED).filter((name) => !existsSync(NEEDED[name]))
if (missing.length === 0) process.exit(0)
if (process.getuid?.() !== 0) {
  console.error(`Missing: ${missing.join(', ')}. Install: sudo apt-get install -y ${missing.join(' ')}`)
  process.exit(1)
}
console.log(`Installing Debian ${missing.join(', ')} for the tests (apt-get install -y)...`)
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env })
  if (run.status !== 0) {
    console.error(
      `apt-get ${args.join(' ')} failed (exit ${run.status}); install ${missing.join(' ')} and run again.`,
    )
    process.exit(1)
  }
}
