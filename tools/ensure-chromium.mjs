#!/usr/bin/env node
// The browser test needs Debian's Chromium. Install it when missing (as root, via apt-get), so the
// test never skips silently; otherwise say exactly what to run.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const CHROMIUM_PATH = '/usr/bin/chromium'

if (existsSync(CHROMIUM_PATH)) process.exit(0)
if (process.getuid?.() !== 0) {
  console.error(`Chromium is missing at ${CHROMIUM_PATH}. Install it: sudo apt-get install -y chromium`)
  process.exit(1)
}
console.log('Installing Debian chromium for the browser test (apt-get install -y chromium)...')
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env })
  if (run.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed (exit ${run.status}); install chromium and run again.`)
    process.exit(1)
  }
}
