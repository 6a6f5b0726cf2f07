#!/usr/bin/env node
// Usage: node tools/harness/die-with-parent.mjs COMMAND [ARGS...]
// Runs COMMAND and ends it when this process's stdin closes, i.e. when the parent that spawned us
// dies for any reason (even SIGKILL), so a crashed test run never leaves a server behind.
import { spawn } from 'node:child_process'

const [command, ...args] = process.argv.slice(2)
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] })
const stop = () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
}
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, stop)
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
