// The mock as a real HTTP server on 127.0.0.1 (node:http), e.g. for out-of-process clients and Prism proxy.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { MockContractError } from './errors.js'
import { CONNECTION_DROPPED, createFlexEngageMock, type FlexEngageMock } from './mock.js'

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

async function toRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of incoming) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const method = incoming.method ?? 'GET'
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    signal,
    ...(method === 'GET' || method === 'HEAD' || chunks.length === 0 ? {} : { body: Buffer.concat(chunks) }),
  })
}

async function send(outgoing: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer())
  outgoing.writeHead(response.status, Object.fromEntries(response.headers))
  outgoing.end(body)
}

export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const mock = options.mock ?? createFlexEngageMock()
  const host = options.host ?? '127.0.0.1'
  const server = createServer(async (incoming, outgoing) => {
    const aborted = new AbortController()
    outgoing.once('close', () => aborted.abort(new Error('client went away')))
    try {
      const response = await mock.handle(await toRequest(incoming, url, aborted.signal))
      if (response === CONNECTION_DROPPED) {
        incoming.socket.destroy()
        return
      }
      await send(outgoing, response)
    } catch (error) {
      if (aborted.signal.aborted) return
      // A contract violation is the mock's own bug or a bad override: say so loudly to the client.
      const message = error instanceof MockContractError ? error.message : `mock failed: ${String(error)}`
      await send(
        outgoing,
        Response.json({ message: 'MOCK ERROR', description: message, status: 500 }, { status: 500 }),
      )
    }
  })
  server.listen(options.port ?? 0, host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const url = `http://${host}:${port}`
  return {
    url,
    port,
    mock,
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
