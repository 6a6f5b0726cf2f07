// Starts Debian's real redis-server on 127.0.0.1 and a free port, without persistence, for tests.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { dieWithParentScript } from '../paths.mjs'
import { freePort } from './free-port.mjs'

export const REDIS_SERVER = '/usr/bin/redis-server'

/** @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>} */
export async function startRedisServer() {
  const port = await freePort()
  // Through die-with-parent: it ends when this process dies, even by SIGKILL.
  const child = spawn(
    process.execPath,
    [
      dieWithParentScript,
      REDIS_SERVER,
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let output = ''
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (output.includes('Ready to accept connections')) resolve(undefined)
    })
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)))
  })
  await ready
  const exited = once(child, 'exit')
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      await exited
    },
  }
}
