// The receiver check against real receivers on 127.0.0.1: the toolkit's own passes every case; each
// deliberately wrong receiver fails exactly the cases its mistake should fail, and no others. The
// wrong receivers fetch keys over loopback only (any other host is refused, never contacted).
import { get, type IncomingMessage } from 'node:http'
import {
  createReceiver,
  importPublicKeyPem,
  KEY_URL_HEADER,
  SIGNATURE_HEADER,
} from '@flexengage/webhooks/receiver'
import { listedEventTypes } from '@flexengage/webhooks-types'
import { afterAll, describe, expect, test } from 'vitest'
import { checkReceiver } from '../src/index.js'
import { listen } from './helpers.js'

const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const close of closers) await close()
})

async function serve(listener: Parameters<typeof listen>[0]): Promise<string> {
  const server = await listen(listener)
  closers.push(server.close)
  return `${server.url}/webhooks`
}

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** GETs a key over loopback only: any other host is refused here, never contacted. */
function loopbackKey(url: string): Promise<string> {
  const { hostname } = new URL(url)
  if (!hostname.startsWith('127.')) return Promise.reject(new Error(`not contacted: ${hostname}`))
  return new Promise((resolve, reject) => {
    get(url, async (response) => resolve((await readAll(response)).toString('utf8'))).on('error', reject)
  })
}

/** Verifies with whatever key the request names, fetched without any allowlist. */
async function verifiesWithAnyKey(request: IncomingMessage, body: Buffer): Promise<boolean> {
  const key = await importPublicKeyPem(await loopbackKey(header(request, KEY_URL_HEADER) ?? ''))
  const signature = Uint8Array.from(atob(header(request, SIGNATURE_HEADER) ?? ''), (c) => c.charCodeAt(0))
  return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, new Uint8Array(body))
}

const failures = (check: Awaited<ReturnType<typeof checkReceiver>>) =>
  check.cases.filter((row) => row.verdict === 'FAIL').map((row) => row.id)

const toolkitReceiver = (options: Partial<Parameters<typeof createReceiver>[0]> = {}) =>
  createReceiver({
    trustLocalSandbox: true,
    on: { '*': () => undefined },
    unlisted: { '*': () => undefined },
    ...options,
  })

describe('check-receiver', () => {
  test("the toolkit's own receiver passes every case", async () => {
    const check = await checkReceiver({ url: await serve(toolkitReceiver().node) })
    expect(check.cases.filter((row) => row.verdict !== 'PASS')).toEqual([])
    expect(check.passed).toBe(true)
    const ids = check.cases.map((row) => row.id)
    for (const type of listedEventTypes) expect(ids).toContain(`valid ${type}`)
    for (const id of [
      'redelivery',
      'non-canonical JSON',
      'stale delivery',
      'unlisted event type',
      'concurrent duplicates',
      'latency',
    ]) {
      expect(ids).toContain(id)
    }
  })

  test('a receiver that verifies nothing fails every forged, foreign and oversized delivery', async () => {
    const url = await serve(async (request, response) => {
      await readAll(request)
      response.end('{}')
    })
    const check = await checkReceiver({ url })
    expect(failures(check).sort()).toEqual(
      [
        'tampered body',
        'garbage signature',
        `missing ${SIGNATURE_HEADER}`,
        `missing ${KEY_URL_HEADER}`,
        'signed by another key',
        'untrusted key host',
        'key URL with userinfo',
        'key host in the path',
        'lookalike key host',
        'key URL over http',
        'body over 10 MiB',
      ].sort(),
    )
    expect(check.cases.find((row) => row.id === 'stale delivery')?.verdict).toBe('WARN')
    expect(check.passed).toBe(false)
  })

  test('a receiver that verifies JSON parsed and serialized again fails the non-canonical delivery only', async () => {
    const receiver = toolkitReceiver()
    const url = await serve(async (request, response) => {
      const reserialized = JSON.stringify(JSON.parse((await readAll(request)).toString('utf8')))
      const result = await receiver.receive({ body: reserialized, headers: request.headers })
      response.writeHead(result.status).end(result.body)
    })
    expect(failures(await checkReceiver({ url }))).toEqual(['non-canonical JSON'])
  })

  test('a receiver that trusts any key URL fails the untrusted hosts it fetched from, and says it fetched', async () => {
    const url = await serve(async (request, response) => {
      const body = await readAll(request)
      if (body.length > 1024 * 1024) return void response.writeHead(413, { connection: 'close' }).end()
      const valid = await verifiesWithAnyKey(request, body).catch(() => false)
      response.writeHead(valid ? 200 : 400).end()
    })
    const check = await checkReceiver({ url })
    expect(failures(check)).toEqual(['untrusted key host', 'key URL with userinfo', 'key host in the path'])
    expect(check.cases.find((row) => row.id === 'stale delivery')?.verdict).toBe('WARN')
  })

  test('a receiver that answers 500 to event types it does not know fails that case only', async () => {
    const receiver = toolkitReceiver({
      unlisted: {
        '*': () => {
          throw new Error('unknown event type')
        },
      },
    })
    expect(failures(await checkReceiver({ url: await serve(receiver.node) }))).toEqual([
      'unlisted event type',
    ])
  })

  test('a receiver without a body limit fails the 10 MiB delivery only', async () => {
    const receiver = toolkitReceiver({ maxBodyBytes: 64 * 1024 * 1024 })
    expect(failures(await checkReceiver({ url: await serve(receiver.node) }))).toEqual(['body over 10 MiB'])
  })
})
