// Starts the real Prism CLI (mock or proxy) on 127.0.0.1 and a free port, for contract tests.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer as createHttpServer } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { defaultSpecPath, dieWithParentScript, loopbackOnlyScript } from '../paths.mjs'
import { freePort } from './free-port.mjs'

const require = createRequire(import.meta.url)
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist/index.js')
const OUTPUT_LIMIT = 64 * 1024

/** A loopback server that answers 200 to anything and counts what it got: where Prism's callbacks go. */
async function startCallbackSink() {
  const received = []
  const server = createHttpServer((request, response) => {
    received.push(`${request.method} ${request.url}`)
    request.resume()
    response.end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: (path = '/callbacks') => `http://127.0.0.1:${server.address().port}${path}`,
    received: () => [...received],
    close: () => {
      server.closeAllConnections()
      server.close()
    },
  }
}

/** Prism in a child process, behind the loopback-only preload: its output kept, its refusals listed. */
function spawnPrism(port, modeArgs, args) {
  // Through die-with-parent: its stdin pipe closes when this process dies, even by SIGKILL.
  const child = spawn(
    process.execPath,
    [
      dieWithParentScript,
      process.execPath,
      '--require',
      loopbackOnlyScript,
      prismBin,
      ...modeArgs,
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      ...args,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let output = ''
  const refused = []
  const keep = (chunk) => {
    for (const [, target] of String(chunk).matchAll(/\[loopback-only\] refused (\S+)/g)) refused.push(target)
    output = (output + chunk).slice(-OUTPUT_LIMIT)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = once(child, 'exit')
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  return { child, output: () => output, refused, stop }
}

/** Resolves once Prism answers at `url`; throws when it exits first or the safety net runs out. */
async function untilAnswering(prism, url, label, startTimeoutMs) {
  const deadline = Date.now() + startTimeoutMs
  for (;;) {
    if (prism.child.exitCode !== null)
      throw new Error(`prism ${label} exited with ${prism.child.exitCode}:\n${prism.output()}`)
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) })
      return
    } catch {
      if (Date.now() > deadline)
        throw new Error(
          `prism ${label} did not answer on ${url} within ${startTimeoutMs} ms:\n${prism.output()}`,
        )
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/**
 * Prism runs with tools/harness/loopback-only.cjs preloaded: its mock fires the spec's delivery callback at
 * the endpoint a request body names, and any such request to a host but loopback is refused inside
 * Prism's process before it leaves, and listed by `refusedConnections()` (tests expect it empty).
 * Requests name `callbackUrl(path)` as their endpoint: a loopback sink that takes the callbacks.
 * @param {{ mode?: 'mock' | 'proxy', upstream?: string, spec?: string, args?: string[], startTimeoutMs?: number }} options
 * @returns {Promise<{ url: string, port: number, output: () => string, refusedConnections: () => string[], callbackUrl: (path?: string) => string, callbacksReceived: () => string[], stop: () => Promise<void> }>}
 */
export async function startPrism({
  mode = 'mock',
  upstream,
  spec = defaultSpecPath,
  args = [],
  // A safety net for a Prism that cannot start; a busy machine only makes it slower.
  startTimeoutMs = 180_000,
} = {}) {
  const port = await freePort()
  const sink = await startCallbackSink()
  const prism = spawnPrism(port, mode === 'proxy' ? ['proxy', spec, upstream] : ['mock', spec], args)
  const stop = async () => {
    sink.close()
    await prism.stop()
  }
  const url = `http://127.0.0.1:${port}`
  try {
    await untilAnswering(prism, url, mode, startTimeoutMs)
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url,
    port,
    output: prism.output,
    refusedConnections: () => [...prism.refused],
    callbackUrl: sink.url,
    callbacksReceived: sink.received,
    stop,
  }
}
