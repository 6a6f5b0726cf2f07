#!/usr/bin/env node
// Usage: node tools/pnpm.mjs ARGS...: the workspace's pnpm, the version `packageManager` in the root
// package.json pins (the one place it is written), through npx (corepack is not usable here).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const root = new URL('../package.json', import.meta.url)

/** `pnpm@X.Y.Z`, as package.json's `packageManager` pins it. */
export const pinnedPnpm = () => JSON.parse(readFileSync(root, 'utf8')).packageManager.split('+')[0]

/** [command, leading args] that run the pinned pnpm: the pnpm already running us, or npx. */
export function pnpmCommand() {
  const running = process.env.npm_execpath
  if (running?.includes('pnpm') && running.includes(pinnedPnpm().split('@')[1]))
    return [process.execPath, [running]]
  return ['npx', ['-y', pinnedPnpm()]]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [command, leading] = pnpmCommand()
  const run = spawnSync(command, [...leading, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(run.status ?? 1)
}
