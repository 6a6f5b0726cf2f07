// The sandbox CLI (`start`) in a process of its own on a free port, as a user runs it: benches measure
// it from outside, beside their peers.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { freePort } from '@flexengage/tools/free-port'

const cli = createRequire(import.meta.url)
  .resolve('@flexengage/webhooks-sandbox/package.json')
  .replace('package.json', 'dist/cli.js')

/** `start` with `args`; resolves once it says it is listening (no polling). */
export async function spawnSandbox(args = []) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [cli, 'start', '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let printed = ''
  await new Promise((resolve, reject) => {
    // The listener stays: it keeps draining what the sandbox prints for as long as it runs.
    child.stdout.on('data', (chunk) => {
      printed += chunk
      if (printed.includes(`listening on ${url}`)) resolve(undefined)
    })
    child.once('exit', (code) =>
      reject(new Error(`the sandbox exited (${code}) before listening:\n${printed}`)),
    )
  })
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}
