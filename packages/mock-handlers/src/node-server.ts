// The mock as a real HTTP server on 127.0.0.1 (node:http), e.g. for out-of-process clients and Prism
// proxy; and the pieces the sandbox builds its own server from (answering one request, listening).
import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { MockContractError } from './errors.js'
import {
  CONNECTION_DROPPED,
  createFlexEngageMock,
  type FlexEngageMock,
  type MockAnswer,
  type MockRequest,
} from './mock.js'

export interface MockServerOptions {
  port?: number
  host?: string
  mock?: FlexEngageMock
}

export interface MockServer {
  url: string
  port: number
  mock: FlexEngageMock
  close(): Promise<void>
}

/** A server listening on a loopback port: its origin, and a close that ends every connection. */
export interface ListeningServer {
  url: string
  port: number
  close(): Promise<void>
}

/** Starts `server` on `host:port` (port 0: a free one) and resolves once it listens. */
export async function listen(
  server: Server,
  { port = 0, host = '127.0.0.1' } = {},
): Promise<ListeningServer> {
  server.listen(port, host)
  await once(server, 'listening')
  const bound = (server.address() as AddressInfo).port
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

/**
 * A light view of the incoming request: no WHATWG Request is built on this hot path. `body`, when
 * given, is the body already read (the sandbox reads it before a write takes its turn).
 */
function toMockRequest(
  incoming: IncomingMessage,
  origin: string,
  signal: AbortSignal,
  body: string | undefined,
): MockRequest & { bodyLeftUnread: boolean } {
  return {
    bodyLeftUnread: false,
    method: incoming.method ?? 'GET',
    url: `${origin}${incoming.url ?? '/'}`,
    headers: {
      get(name) {
        const value = incoming.headers[name.toLowerCase()]
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
      },
    },
    signal,
    async readText(limit) {
      if (body !== undefined) return Buffer.byteLength(body) > limit ? undefined : body
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of incoming) {
        size += (chunk as Buffer).length
        // Stop reading: the rest is never buffered; the answer closes the connection.
        if (size > limit) {
          this.bodyLeftUnread = true
          return undefined
        }
        chunks.push(chunk as Buffer)
      }
      return Buffer.concat(chunks).toString('utf8')
    },
  }
}

/** Writes an answer; a body left unread (refused as too large) is not drained: the connection closes. */
export function sendAnswer(outgoing: ServerResponse, answer: MockAnswer, closeConnection = false): void {
  outgoing.writeHead(
    answer.status,
    closeConnection ? { ...answer.headers, connection: 'close' } : answer.headers,
  )
  outgoing.end(answer.body ?? undefined)
}

export interface MockListenerOptions {
  /** scheme://host:port the server is reached at (for Location headers). */
  origin: () => string
}

/** What to send back: the answer, and whether to close the connection after it (a body left unread). */
export interface NodeAnswer {
  answer: MockAnswer | typeof CONNECTION_DROPPED
  closeConnection: boolean
}

const mockFailure = (error: unknown): MockAnswer => {
  // A contract violation is the mock's own bug or a bad override: say so loudly to the client.
  const message = error instanceof MockContractError ? error.message : `mock failed: ${String(error)}`
  const body = JSON.stringify({ message: 'MOCK ERROR', description: message, status: 500 })
  return { status: 500, headers: { 'content-type': 'application/json' }, body }
}

/**
 * The mock's answer to one node:http request, not yet sent (the sandbox saves what it acknowledges
 * first); `body` is the request body if it was already read. A mock that throws answers 500.
 */
export async function mockAnswerTo(
  mock: FlexEngageMock,
  exchange: { incoming: IncomingMessage; outgoing: ServerResponse; body?: string },
  origin: string,
): Promise<NodeAnswer> {
  const aborted = new AbortController()
  exchange.outgoing.once('close', () => {
    if (!exchange.outgoing.writableFinished) aborted.abort(new Error('client went away'))
  })
  const request = toMockRequest(exchange.incoming, origin, aborted.signal, exchange.body)
  try {
    const answer = await mock.handle(request)
    // A 413 may come from the declared length alone, before a byte was read.
    const closeConnection = request.bodyLeftUnread || (answer !== CONNECTION_DROPPED && answer.status === 413)
    return { answer, closeConnection }
  } catch (error) {
    return { answer: mockFailure(error), closeConnection: false }
  }
}

/** Sends what `mockAnswerTo` decided: the answer, or the connection dropped. */
export function sendNodeAnswer(incoming: IncomingMessage, outgoing: ServerResponse, sent: NodeAnswer): void {
  if (sent.answer === CONNECTION_DROPPED) return void incoming.socket.destroy()
  if (outgoing.destroyed) return
  sendAnswer(outgoing, sent.answer, sent.closeConnection)
}

/** Answers one node:http request with the mock. */
export async function answerNodeRequest(
  mock: FlexEngageMock,
  exchange: { incoming: IncomingMessage; outgoing: ServerResponse },
  options: MockListenerOptions,
): Promise<void> {
  sendNodeAnswer(exchange.incoming, exchange.outgoing, await mockAnswerTo(mock, exchange, options.origin()))
}

/** A node:http request listener answered by the mock: reuse it inside a larger server. */
export function createMockListener(
  mock: FlexEngageMock,
  options: MockListenerOptions,
): (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void> {
  return (incoming, outgoing) => answerNodeRequest(mock, { incoming, outgoing }, options)
}

export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const mock = options.mock ?? createFlexEngageMock()
  let origin = ''
  const server = createServer(createMockListener(mock, { origin: () => origin }))
  const listening = await listen(server, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' })
  origin = listening.url
  return { ...listening, mock }
}
