// createReceiver through every adapter (node:http, Express 4 and 5 with and without body parsers, Fetch API),
// plus hierarchical routing, dedupe of redeliveries and handler failures.
import { once } from 'node:events'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
// Express 4 (installed under another name), whose types are Express 5's in all this test uses.
// @ts-expect-error express4 ships no types
import express4Untyped from 'express4'
import { afterAll, describe, expect, test } from 'vitest'
import {
  createReceiver,
  KEY_URL_HEADER,
  listedEventTypes,
  type ReceiverOptions,
  SIGNATURE_HEADER,
} from '../src/receiver/index.js'
import { envelope, signatureHeaders, signBody, useKeyServer } from './receiver-helpers.js'

const fixture = useKeyServer()
const servers: Server[] = []
afterAll(() => {
  for (const server of servers) server.close()
})

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener)
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function deliver(url: string, body: string, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      ...(await signatureHeaders(body, fixture.keys.privateKey, fixture.server.url('/key.pem'))),
      ...headers,
    },
  })
}

// Express's body parsers are the same packages in 4 and 5: Express 5's serve both apps.
const express4 = express4Untyped as typeof express
const expressVersions = [
  ['Express 5', () => express()],
  ['Express 4', () => express4()],
] as const

function receiverWith(on: ReceiverOptions['on'], extra: Partial<ReceiverOptions> = {}) {
  return createReceiver({ on, trustLocalSandbox: true, ...extra })
}

describe('a valid delivery is accepted through every adapter', () => {
  test('node:http', async () => {
    const received: string[] = []
    const url = await serve((req, res) =>
      receiverWith({ '*': (e) => void received.push(e.id) }).node(req, res),
    )
    const body = envelope()
    const response = await deliver(url, body)
    expect(response.status).toBe(200)
    const { id } = JSON.parse(body)
    expect(await response.json()).toEqual({ received: true, eventId: id, outcome: 'handled' })
    expect(received).toEqual([id])
  })

  describe.each(expressVersions)('%s', (_version, expressApp) => {
    test('mounted before any body parser', async () => {
      const app = expressApp()
      const received: string[] = []
      app.post('/hooks', receiverWith({ '*': (e) => void received.push(e.id) }).middleware)
      app.use(express.json())
      const response = await deliver(`${await serve(app)}/hooks`, envelope())
      expect(response.status).toBe(200)
      expect(received).toHaveLength(1)
    })

    test('after express.json() that keeps the raw bytes', async () => {
      const app = expressApp()
      app.use(express.json({ verify: (req, _res, buf) => void Object.assign(req, { rawBody: buf }) }))
      app.post('/hooks', receiverWith({ '*': () => undefined }).middleware)
      expect((await deliver(`${await serve(app)}/hooks`, envelope())).status).toBe(200)
    })

    test('after express.raw()', async () => {
      const app = expressApp()
      app.use(express.raw({ type: 'application/json' }))
      app.post('/hooks', receiverWith({ '*': () => undefined }).middleware)
      expect((await deliver(`${await serve(app)}/hooks`, envelope())).status).toBe(200)
    })

    test('after a plain express.json(): says clearly that the raw body is gone', async () => {
      const app = expressApp()
      app.use(express.json())
      const handled: string[] = []
      app.post('/hooks', receiverWith({ '*': (e) => void handled.push(e.id) }).middleware)
      const response = await deliver(`${await serve(app)}/hooks`, envelope())
      expect(response.status).toBe(500)
      const body = await response.json()
      expect(body.error).toBe('raw_body_unavailable')
      expect(body.message).toContain('Express: mount the receiver before express.json()')
      expect(body.message).toContain('Fastify: app.register(receiver.fastify({ path }))')
      expect(handled).toEqual([])
    })
  })

  test('Fetch API handler (Request -> Response)', async () => {
    const receiver = receiverWith({ 'NOTIFICATION.SMS.RECEIPT': () => undefined })
    const body = envelope()
    const response = await receiver.fetch(
      new Request('https://my.app/api/flexengage', {
        method: 'POST',
        body,
        headers: {
          'x-fr-wh-authorization': await signBody(body, fixture.keys.privateKey),
          'x-fr-wh-pk': fixture.server.url('/key.pem'),
        },
      }),
    )
    expect(response.status).toBe(200)
    expect((await response.json()).outcome).toBe('handled')
  })
})

describe('answers', () => {
  test('400 on a bad signature, with the reason; the handler never runs', async () => {
    const ran: string[] = []
    const url = await serve((req, res) => receiverWith({ '*': (e) => void ran.push(e.id) }).node(req, res))
    const response = await deliver(url, envelope(), {
      'x-fr-wh-authorization': await signBody('other', fixture.keys.privateKey),
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error).toBe('signature_mismatch')
    expect(ran).toEqual([])
  })

  test('413 for a body over the limit, read from the stream without buffering it all', async () => {
    const url = await serve((req, res) =>
      receiverWith({ '*': () => undefined }, { maxBodyBytes: 1000 }).node(req, res),
    )
    const response = await deliver(url, envelope({ data: { padding: 'x'.repeat(5000) } }))
    expect(response.status).toBe(413)
  })

  test('the Fetch adapter refuses a declared length over the limit before reading, like the node adapter', async () => {
    const refused: string[] = []
    const receiver = receiverWith(
      { '*': () => undefined },
      { maxBodyBytes: 1000, onError: (e) => void refused.push(String(e)) },
    )
    const big = envelope({ data: { padding: 'x'.repeat(5000) } })
    const response = await receiver.fetch(
      new Request('https://my.app/hooks', {
        method: 'POST',
        body: big,
        headers: { 'content-length': String(big.length) },
      }),
    )
    expect(response.status).toBe(413)
    expect((await response.json()).error).toBe('body_too_large')
    expect(refused).toHaveLength(1)
  })

  test('the Fetch adapter refuses a body without a length once it passes the limit, reading no further', async () => {
    const receiver = receiverWith({ '*': () => undefined }, { maxBodyBytes: 1000 })
    // A chunked body that would never end: the adapter must stop pulling past the limit.
    let pulled = 0
    let cancelled = false
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 256
        controller.enqueue(new Uint8Array(256).fill(0x7b))
      },
      cancel() {
        cancelled = true
      },
    })
    const response = await receiver.fetch(
      new Request('https://my.app/hooks', { method: 'POST', body: endless, duplex: 'half' } as RequestInit),
    )
    expect(response.status).toBe(413)
    expect((await response.json()).error).toBe('body_too_large')
    expect(cancelled).toBe(true)
    // What was read past the limit is what one more pull brought (the stream may read ahead a chunk).
    expect(pulled).toBeLessThanOrEqual(1000 + 2 * 256)
  })

  test('500 when the handler throws, so flexEngage retries; the retry runs the handler again', async () => {
    let calls = 0
    const receiver = receiverWith({
      '*': () => {
        calls++
        if (calls === 1) throw new Error('database down')
      },
    })
    const url = await serve((req, res) => receiver.node(req, res))
    expect((await deliver(url, envelope())).status).toBe(500)
    expect((await deliver(url, envelope({ attemptId: 'second-attempt' }))).status).toBe(200)
    expect(calls).toBe(2)
  })

  test('a redelivery (same id, new attemptId) is acknowledged without running the handler twice', async () => {
    const attempts: string[] = []
    const receiver = receiverWith({ '*': (_e, ctx) => void attempts.push(ctx.attemptId) })
    const first = await receiver.receive(await signed(envelope({ attemptId: 'a1' })))
    const second = await receiver.receive(await signed(envelope({ attemptId: 'a2' })))
    expect([first.status, first.outcome, second.status, second.outcome]).toEqual([
      200,
      'handled',
      200,
      'duplicate',
    ])
    expect(attempts).toEqual(['a1'])
    const noDedupe = receiverWith({ '*': (_e, ctx) => void attempts.push(ctx.attemptId) }, { dedupe: false })
    await noDedupe.receive(await signed(envelope({ attemptId: 'a3' })))
    await noDedupe.receive(await signed(envelope({ attemptId: 'a4' })))
    expect(attempts).toEqual(['a1', 'a3', 'a4'])
  })
})

async function signed(body: string) {
  return {
    body,
    headers: {
      [SIGNATURE_HEADER]: await signBody(body, fixture.keys.privateKey),
      [KEY_URL_HEADER]: fixture.server.url('/key.pem'),
    },
  }
}

describe('routing', () => {
  const [listed] = listedEventTypes
  const group = listed.split('.')[0] as string
  /** Types the spec does not list: under a listed group, and under a group of its own. */
  const unlistedUnderGroup = `${group}.NOT_LISTED.EVENT`
  const unlistedElsewhere = 'UNLISTED_GROUP.SOME.EVENT'

  test('a listed type runs its most specific handler in `on`: the type, then its groups, then *', async () => {
    const calls: string[] = []
    const deliver = async (on: ReceiverOptions['on']) =>
      receiverWith(on, { dedupe: false }).receive(await signed(envelope({ type: listed })))
    await deliver({ [listed]: () => void calls.push('type'), [group]: () => void calls.push('group') })
    await deliver({ [group]: () => void calls.push('group'), '*': () => void calls.push('*') })
    await deliver({ '*': () => void calls.push('*') })
    expect(calls).toEqual(['type', 'group', '*'])
  })

  test('an unlisted type never reaches `on`; it reaches its handler in `unlisted`, most specific first', async () => {
    const calls: string[] = []
    const receiver = receiverWith(
      { '*': (e) => void calls.push(`on:${e.type}`) },
      {
        dedupe: false,
        unlisted: {
          [group]: (e) => void calls.push(`group:${e.type}`),
          '*': (e) => void calls.push(`any:${e.type}`),
        },
      },
    )
    for (const type of [unlistedUnderGroup, unlistedElsewhere, listed]) {
      const data = type === listed ? {} : { data: { anything: true } }
      const result = await receiver.receive(await signed(envelope({ type, ...data })))
      expect([type, result.status, result.outcome]).toEqual([type, 200, 'handled'])
    }
    expect(calls).toEqual([`group:${unlistedUnderGroup}`, `any:${unlistedElsewhere}`, `on:${listed}`])
  })

  test('an event no handler covers is acknowledged as unhandled, listed or not', async () => {
    const receiver = receiverWith({}, { unlisted: { [unlistedElsewhere]: () => undefined } })
    for (const type of [listed, unlistedUnderGroup]) {
      expect(await receiver.receive(await signed(envelope({ type })))).toMatchObject({
        status: 200,
        outcome: 'unhandled',
      })
    }
  })

  test("a listed type whose data breaks the spec's payload schema is refused (422) before any handler", async () => {
    let runs = 0
    const receiver = receiverWith({ '*': () => void runs++ })
    const result = await receiver.receive(await signed(envelope({ type: listed, data: { unexpected: 1 } })))
    expect([result.status, result.outcome, runs]).toEqual([422, 'rejected', 0])
    expect(JSON.parse(result.body).error).toBe('invalid_payload')
  })
})
