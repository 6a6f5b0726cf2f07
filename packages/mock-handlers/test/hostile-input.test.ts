// Hostile input, through every adapter (in-process fetch, node:http, MSW): each case gets the right
// 4xx with a JSON body in the API's error shape, never a 5xx; oversized bodies cost no memory.
import { request as httpRequest } from 'node:http'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createFlexEngageMock,
  createMockFetch,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_PAGE_SIZE,
  type FlexEngageMock,
  MAX_JSON_DEPTH,
} from '../src/index.js'
import { createHandlers } from '../src/msw.js'
import { createMockServer, type MockServer } from '../src/node.js'

const BASE = 'https://api.flexengage-test.com'
const auth = { authorization: 'Bearer t' }
const hook = JSON.stringify({ endpoint: 'https://example.com/h', events: ['NOTIFICATION'] })
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`

interface Case {
  name: string
  status: number
  request: (webhookId: string) => { path: string; init: RequestInit }
}

const json = { ...auth, 'content-type': 'application/json' }
const post = (body: BodyInit, headers: Record<string, string>) => () => ({
  path: '/v1/ACME/webhooks',
  init: { method: 'POST', headers, body },
})
const events = (query: string) => (id: string) => ({
  path: `/v1/ACME/webhooks/${id}/events?${query}`,
  init: { headers: auth },
})

const cases: Case[] = [
  {
    name: 'malformed percent-encoding in brandId',
    status: 400,
    request: () => ({ path: '/v1/%E0%A4%A/webhooks', init: { headers: auth } }),
  },
  {
    name: 'a lone % in brandId',
    status: 400,
    request: () => ({ path: '/v1/%/webhooks', init: { headers: auth } }),
  },
  {
    name: 'a body over the limit',
    status: 413,
    request: post(`"${'x'.repeat(DEFAULT_MAX_BODY_BYTES)}"`, json),
  },
  { name: 'a text/plain body', status: 415, request: post(hook, { ...auth, 'content-type': 'text/plain' }) },
  { name: 'a form body', status: 415, request: post(new URLSearchParams({ endpoint: 'x' }), auth) },
  { name: 'a multipart body', status: 415, request: post(formData(), auth) },
  {
    name: 'an XML body',
    status: 415,
    request: post('<webhook/>', { ...auth, 'content-type': 'application/xml' }),
  },
  { name: 'a body with no Content-Type', status: 415, request: post(new TextEncoder().encode(hook), auth) },
  { name: 'JSON nested too deep', status: 422, request: post(nested(MAX_JSON_DEPTH + 1), json) },
  { name: 'JSON nested 5,000 levels', status: 422, request: post(nested(5000), json) },
  { name: 'an impossible calendar date', status: 422, request: events('start=2024-02-30T00:00:00Z') },
  {
    name: 'a page size above the maximum',
    status: 422,
    request: events(`size=${DEFAULT_MAX_PAGE_SIZE + 1}`),
  },
  { name: 'an absurd page size', status: 422, request: events('size=99999999999999999999999') },
]

function formData() {
  const form = new FormData()
  form.set('endpoint', 'https://example.com/h')
  return form
}

type Send = (path: string, init: RequestInit) => Promise<Response>

function adapterSuite(
  name: string,
  start: () => Promise<{ send: Send; mock: FlexEngageMock; stop?: () => Promise<void> }>,
) {
  describe(name, () => {
    let adapter: Awaited<ReturnType<typeof start>>
    let webhookId = ''
    beforeAll(async () => {
      adapter = await start()
      webhookId = adapter.mock.seedWebhook('ACME', {
        endpoint: 'https://example.com/s',
        events: ['NOTIFICATION'],
      }).id
    })
    afterAll(async () => adapter?.stop?.())

    test.each(cases)('$name -> $status', async ({ status, request }) => {
      const { path, init } = request(webhookId)
      const response = await adapter.send(path, init)
      expect(response.status).toBe(status)
      expect(response.headers.get('content-type')).toMatch(/application\/json/)
      const body = (await response.json()) as { message?: unknown; status?: unknown }
      expect(body).toMatchObject({ message: expect.any(String), status })
      expect(adapter.mock.store.webhooks('ACME')).toHaveLength(1)
    })

    test('a JSON body with a charset parameter is accepted', async () => {
      const response = await adapter.send('/v1/ACME/webhooks', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          endpoint: `https://example.com/${name.replaceAll(/\W/g, '-')}`,
          events: ['NOTIFICATION'],
        }),
      })
      expect(response.status).toBe(201)
    })
  })
}

adapterSuite('fetch adapter', async () => {
  const mockFetch = createMockFetch(createFlexEngageMock())
  return { mock: mockFetch.mock, send: (path, init) => mockFetch(`${BASE}${path}`, init) }
})

adapterSuite('node:http adapter', async () => {
  const server = await createMockServer()
  return {
    mock: server.mock,
    send: (path, init) => fetch(`${server.url}${path}`, init),
    stop: () => server.close(),
  }
})

adapterSuite('MSW adapter', async () => {
  const mock = createFlexEngageMock()
  const msw = setupServer(...createHandlers(mock))
  msw.listen({ onUnhandledRequest: 'error' })
  return { mock, send: (path, init) => fetch(`${BASE}${path}`, init), stop: async () => msw.close() }
})

describe('memory under oversized bodies (node:http)', () => {
  let server: MockServer
  beforeAll(async () => {
    server = await createMockServer()
  })
  afterAll(async () => server?.close())

  /** Streams `bytes` of JSON without holding them, until the server answers. */
  function streamHuge(bytes: number, declareLength: boolean): Promise<number> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${server.url}/v1/ACME/webhooks`)
      const request = httpRequest(url, {
        method: 'POST',
        headers: { ...json, ...(declareLength ? { 'content-length': String(bytes) } : {}) },
      })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      let sent = 0
      let answered = false
      request.on('response', (response) => {
        answered = true
        response.resume()
        resolve(response.statusCode ?? 0)
      })
      request.on('error', (error) => (answered ? undefined : reject(error)))
      const pump = () => {
        while (!answered && sent < bytes) {
          sent += chunk.length
          if (!request.write(chunk)) return void request.once('drain', pump)
        }
        if (!answered) request.end()
      }
      pump()
    })
  }

  test('4 concurrent 50 MB bodies: each 413, without the server reading them', async () => {
    const before = process.memoryUsage().rss
    const statuses = await Promise.all([
      streamHuge(50 * 1024 * 1024, true),
      streamHuge(50 * 1024 * 1024, false),
      streamHuge(50 * 1024 * 1024, true),
      streamHuge(50 * 1024 * 1024, false),
    ])
    const grownMb = (process.memoryUsage().rss - before) / (1024 * 1024)
    console.log(
      `RSS before ${(before / 1048576).toFixed(0)} MB, growth ${grownMb.toFixed(1)} MB over 4 x 50 MB bodies`,
    )
    expect(statuses).toEqual([413, 413, 413, 413])
    // 200 MB were offered; the server kept at most about one limit (1 MiB) per request.
    expect(grownMb).toBeLessThan(64)
  })
})
