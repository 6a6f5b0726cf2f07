// The sandbox's HTTP front: a slow body holds up nobody (bodies are read before a write takes its
// turn, and refused with 408 when they do not arrive in time); a Host that is not this machine's
// (DNS rebinding) is refused.
import { request } from 'node:http'
import { connect } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index.js'
import { BRAND, clientFor, trigger } from './helpers.js'

const sandboxes: Sandbox[] = []
afterEach(async () => {
  for (const sandbox of sandboxes.splice(0)) await sandbox.close()
})

async function sandboxWith(options: Parameters<typeof startSandbox>[0]) {
  const sandbox = await startSandbox(options)
  sandboxes.push(sandbox)
  return sandbox
}

/** A client that sends a write's headers and one byte of its body, then nothing; what it is answered. */
function slowWrite(sandbox: Sandbox) {
  const socket = connect(sandbox.port, '127.0.0.1')
  socket.write(
    `POST /v1/${BRAND}/webhooks HTTP/1.1\r\nHost: 127.0.0.1:${sandbox.port}\r\nAuthorization: Bearer sandbox-token\r\n` +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
  )
  let received = ''
  socket.on('data', (chunk) => {
    received += chunk
  })
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)))
  return { received: () => received, closed, socket }
}

test('a client sending its body a byte at a time holds up no other write or trigger', async () => {
  // The read timeout is the safety net's length: only the other writes can end this test early.
  const sandbox = await sandboxWith({ bodyReadTimeoutMs: 600_000 })
  const slow = slowWrite(sandbox)
  const fe = clientFor(sandbox)
  const hook = await fe.webhooks.create({ endpoint: 'https://example.com/h', events: ['NOTIFICATION'] })
  await fe.webhooks.disable(hook.id)
  expect((await trigger(sandbox, 'NOTIFICATION.X')).status).toBe(202)
  // All answered while the slow body is still arriving.
  expect(slow.received()).toBe('')
  slow.socket.destroy()
})

test('a body that does not arrive in time is refused with 408, in the API error shape', async () => {
  const sandbox = await sandboxWith({ bodyReadTimeoutMs: 50 })
  const answer = await slowWrite(sandbox).closed
  expect(answer).toMatch(/^HTTP\/1\.1 408 /)
  expect(answer).toMatch(/content-type: application\/json/i)
  expect(answer).toContain(
    '"message":"REQUEST TIMEOUT","description":"the body did not arrive within 50 ms","status":408',
  )
  expect(sandbox.mock.store.webhooks(BRAND)).toEqual([])
})

/** A GET of `path` with this Host header; the status and body it gets. */
function getWithHost(
  sandbox: Sandbox,
  host: string,
  path = '/_sandbox/health',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port: sandbox.port,
        path,
        headers: { host, authorization: 'Bearer sandbox-token' },
      },
      (response) => {
        let body = ''
        response.on('data', (chunk) => {
          body += chunk
        })
        response.on('end', () => resolve({ status: response.statusCode as number, body }))
      },
    )
    sent.on('error', reject)
    sent.end()
  })
}

test('a Host that does not name this machine is refused (DNS rebinding); loopback, IPs, localhost and allowed names are served', async () => {
  const sandbox = await sandboxWith({ allowedHosts: ['sandbox.test'] })
  const refused = await getWithHost(sandbox, `rebound.example:${sandbox.port}`, `/v1/${BRAND}/webhooks`)
  expect(refused.status).toBe(403)
  expect(JSON.parse(refused.body)).toMatchObject({
    status: 403,
    description: expect.stringContaining('--allowed-host'),
  })
  for (const host of [
    `127.0.0.1:${sandbox.port}`,
    `localhost:${sandbox.port}`,
    `[::1]:${sandbox.port}`,
    '192.168.1.20',
    'sandbox.test',
    'SANDBOX.test:80',
  ]) {
    expect((await getWithHost(sandbox, host)).status, host).toBe(200)
  }
  expect((await getWithHost(sandbox, 'sandbox.test.example')).status).toBe(403)
})
