// The mock as a real HTTP server on 127.0.0.1 (node:http), e.g. for out-of-process clients and Prism proxy.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
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

/** A light view of the incoming request: no WHATWG Request is built on this hot path. */
function toMockRequest(
  incoming: IncomingMessage,
  origin: string,
  signal: AbortSignal,
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

function send(outgoing: ServerResponse, answer: MockAnswer, bodyLeftUnread = false): void {
  // A body left unread (refused as too large) is not drained: the connection closes instead.
  outgoing.writeHead(
    answer.status,
    bodyLeftUnread ? { ...answer.headers, connection: 'close' } : answer.headers,
  )
  outgoing.end(answer.body ?? undefined)
}

export interface MockListenerOptions {
  /** scheme://host:port the server is reached at (for Location headers). */
  origin: () => string
  /** Runs before an answer is written, e.g. to persist state that the answer acknowledges. */
  beforeAnswer?: (method: string, answer: MockAnswer) => Promise<void>
}

/** A node:http request listener answered by the mock: reuse it inside a larger server. */
export function createMockListener(
  mock: FlexEngageMock,
  options: MockListenerOptions,
): (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void> {
  return async (incoming, outgoing) => {
    const aborted = new AbortController()
    outgoing.once('close', () => {
      if (!outgoing.writableFinished) aborted.abort(new Error('client went away'))
    })
    try {
      const request = toMockRequest(incoming, options.origin(), aborted.signal)
      const answer = await mock.handle(request)
      if (answer === CONNECTION_DROPPED) {
        incoming.socket.destroy()
        return
      }
      await options.beforeAnswer?.(incoming.method ?? 'GET', answer)
      // A 413 may come from the declared length alone, before a byte was read.
      send(outgoing, answer, request.bodyLeftUnread || answer.status === 413)
    } catch (error) {
      if (aborted.signal.aborted) return
      // A contract violation is the mock's own bug or a bad override: say so loudly to the client.
      const message = error instanceof MockContractError ? error.message : `mock failed: ${String(error)}`
      send(outgoing, {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'MOCK ERROR', description: message, status: 500 }),
      })
    }
  }
}

export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const mock = options.mock ?? createFlexEngageMock()
  const host = options.host ?? '127.0.0.1'
  let origin = ''
  const server = createServer(createMockListener(mock, { origin: () => origin }))
  server.listen(options.port ?? 0, host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  origin = `http://${host}:${port}`
  return {
    url: origin,
    port,
    mock,
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
