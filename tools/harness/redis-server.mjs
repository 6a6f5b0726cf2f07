// Starts Debian's real redis-server on 127.0.0.1 and a free port (or a given one, to restart on it),
// for tests: without persistence by default, or with an append-only file fsynced on every write.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { dieWithParentScript } from '../paths.mjs'
import { freePort } from './free-port.mjs'

export const REDIS_SERVER = '/usr/bin/redis-server'

/**
 * @param {{ port?: number, appendOnlyDir?: string }} [options] `appendOnlyDir`: keep an AOF there with
 *   `appendfsync always` (every acknowledged write is on disk before Redis answers).
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void>, kill: () => Promise<void> }>}
 */
export async function startRedisServer(options = {}) {
  const port = options.port ?? (await freePort())
  const persistence = options.appendOnlyDir
    ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.appendOnlyDir]
    : ['--appendonly', 'no']
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
      ...persistence,
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
  // redis-server's own pid (the wrapper's child), from its start-up line, for a kill -9.
  const pid = Number(/pid=(\d+)/.exec(output)?.[1])
  const exited = once(child, 'exit')
  const gone = () => child.exitCode !== null || child.signalCode !== null
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (gone()) return
      child.kill('SIGTERM')
      await exited
    },
    /** Ends redis-server at once, as a crash would: nothing it has not written yet survives. */
    async kill() {
      if (gone()) return
      process.kill(pid, 'SIGKILL')
      await exited
    },
  }
}
