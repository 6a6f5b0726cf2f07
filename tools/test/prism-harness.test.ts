// Servers started for tests end with the test process, even when it is killed with SIGKILL, and never
// reach a host but loopback: Prism runs with the loopback-only preload.
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { expect, test } from 'vitest'
import { startPrism } from '../harness/prism.mjs'
import { loopbackOnlyScript, repoRoot } from '../paths.mjs'

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => resolve(socket.destroy() === undefined && false))
    socket.once('error', () => resolve(true))
  })

test('a Prism started by a process that is SIGKILLed stops too', async () => {
  const script = `
    const { startPrism } = await import(${JSON.stringify(`${repoRoot}tools/harness/prism.mjs`)})
    const prism = await startPrism()
    console.log(prism.port)
    process.kill(process.pid, 'SIGKILL')
  `
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  expect(run.signal).toBe('SIGKILL')
  const port = Number(run.stdout.trim())
  expect(port).toBeGreaterThan(0)
  // A safety net only: the port closes as soon as Prism has shut down, however long that takes.
  const deadline = Date.now() + 120_000
  while (!(await refused(port)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100))
  expect(await refused(port)).toBe(true)
})

test('the loopback-only preload refuses a connection to any other host before it leaves, and says so', () => {
  const script = `
    const http = require('node:http')
    const server = http.createServer((_q, s) => s.end('local')).listen(0, '127.0.0.1', async () => {
      const local = await fetch('http://127.0.0.1:' + server.address().port).then((r) => r.text())
      const remote = await fetch('http://example.com/').then(() => 'sent', (e) => e.cause?.code)
      console.log(JSON.stringify({ local, remote }))
      server.close()
    })`
  const run = spawnSync(process.execPath, ['--require', loopbackOnlyScript, '-e', script], {
    encoding: 'utf8',
  })
  expect(JSON.parse(run.stdout)).toEqual({ local: 'local', remote: 'ECONNREFUSED' })
  expect(run.stderr).toContain('[loopback-only] refused example.com')
})

test('Prism fires the spec’s delivery callback at the endpoint a create names: loopback gets it, any other host is refused', async () => {
  const received: string[] = []
  const sink = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`)
    response.end()
  })
  sink.listen(0, '127.0.0.1')
  await once(sink, 'listening')
  const prism = await startPrism()
  try {
    const create = (endpoint: string) =>
      fetch(`${prism.url}/v1/ACME/webhooks`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({ endpoint, events: ['A'] }),
      })
    expect((await create(`http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`)).status).toBe(201)
    expect((await create('https://example.com/hook')).status).toBe(201)
    // Both callbacks are fired after the answer: wait for them, not for a time.
    const deadline = Date.now() + 120_000
    while ((received.length === 0 || prism.refusedConnections().length === 0) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25))
    expect(received).toEqual(['POST /hook'])
    expect(prism.refusedConnections()).toEqual(['example.com:443'])
  } finally {
    await prism.stop()
    sink.close()
  }
})
