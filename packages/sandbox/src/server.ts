// The sandbox's HTTP front: refuses a Host it does not answer to (a web page rebinding its own name to
// 127.0.0.1 cannot reach it), reads a write's body before the write takes its turn (bounded in size
// and in time, so a slow client holds up nobody), then hands the request to a handler: the sandbox's
// own routes under /_sandbox/, or the API.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import { apiError, CONNECTION_DROPPED, jsonAnswer, type MockAnswer } from '@flexengage/webhooks-mock-handlers'
import { sendAnswer } from '@flexengage/webhooks-mock-handlers/node'
import type { WriteTurns } from './write-turns.js'

/** An answer that writes itself over time (the change stream). */
export interface Streamed {
  stream(outgoing: ServerResponse): void
}

export type Reply = MockAnswer | Streamed | typeof CONNECTION_DROPPED

export interface Exchange {
  incoming: IncomingMessage
  outgoing: ServerResponse
  url: URL
  /** The request body, read whole before the handler runs (writes only). */
  body: string | undefined
}

export type Handler = (exchange: Exchange) => Promise<Reply> | Reply

/** The sandbox's own routes, as the front uses them (built by routes.ts). */
export interface SandboxRoutes {
  handle: Handler
  /** Whether a write to `url` runs outside the write turns (it changes no sandbox state). */
  outsideTurns(url: URL): boolean
}

export interface FrontOptions {
  /** Host names answered besides loopback addresses, IP addresses and `localhost`. */
  allowedHosts: ReadonlySet<string>
  maxBodyBytes: number
  /** A body still arriving after this long is refused (408). */
  bodyReadTimeoutMs: number
  turns: WriteTurns
  sandboxRoutes: SandboxRoutes
  api: Handler
}

/**
 * Whether `Host` names this machine in a way no other site can: an IP address (a page served from a
 * domain cannot send one that is not its own), `localhost`, or a name the operator allowed.
 */
export function isAllowedHost(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!host) return false
  let name: string
  try {
    name = new URL(`http://${host}`).hostname.replace(/^\[(.*)\]$/, '$1')
  } catch {
    return false
  }
  return isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || allowed.has(name)
}

const refusal = (status: number, message: string, description: string) =>
  jsonAnswer(status, apiError(status, message, description))

/** A request body, or why it is refused: past `maxBodyBytes` (413) or not all there in time (408). */
export function readBody(
  incoming: IncomingMessage,
  { maxBodyBytes, bodyReadTimeoutMs }: Pick<FrontOptions, 'maxBodyBytes' | 'bodyReadTimeoutMs'>,
): Promise<{ text: string } | { refused: MockAnswer }> {
  const tooLarge = { refused: refusal(413, 'PAYLOAD TOO LARGE', `the body exceeds ${maxBodyBytes} bytes`) }
  if (Number(incoming.headers['content-length']) > maxBodyBytes) return Promise.resolve(tooLarge)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (result: { text: string } | { refused: MockAnswer }) => {
      clearTimeout(timer)
      incoming.removeAllListeners('data').pause()
      resolve(result)
    }
    const timer = setTimeout(
      () =>
        finish({
          refused: refusal(408, 'REQUEST TIMEOUT', `the body did not arrive within ${bodyReadTimeoutMs} ms`),
        }),
      bodyReadTimeoutMs,
    )
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) return finish(tooLarge)
      chunks.push(chunk)
    })
    incoming.once('end', () => finish({ text: Buffer.concat(chunks).toString('utf8') }))
    // The client went away: nobody is left to answer; the exchange ends with the socket.
    incoming.once('error', () =>
      finish({ refused: refusal(400, 'BAD REQUEST', 'the body could not be read') }),
    )
  })
}

function send(incoming: IncomingMessage, outgoing: ServerResponse, reply: Reply): void {
  if (reply === CONNECTION_DROPPED) return void incoming.socket.destroy()
  if ('stream' in reply) {
    reply.stream(outgoing)
    return
  }
  if (outgoing.destroyed) return
  // A refused body is not drained: the connection closes instead.
  sendAnswer(outgoing, reply, reply.status === 413 || reply.status === 408)
}

async function answer(
  front: FrontOptions,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const { host } = incoming.headers
  if (!isAllowedHost(host, front.allowedHosts)) {
    const description = `this sandbox does not answer to Host ${JSON.stringify(host ?? '')}: use 127.0.0.1 or localhost, or start it with --allowed-host NAME`
    return send(incoming, outgoing, refusal(403, 'FORBIDDEN', description))
  }
  const url = new URL(incoming.url ?? '/', 'http://sandbox')
  const own = url.pathname.startsWith('/_sandbox/')
  const handler = own ? front.sandboxRoutes.handle : front.api
  if (incoming.method === 'GET' || incoming.method === 'HEAD') {
    return send(incoming, outgoing, await handler({ incoming, outgoing, url, body: undefined }))
  }
  const body = await readBody(incoming, front)
  if ('refused' in body) return send(incoming, outgoing, body.refused)
  const exchange = { incoming, outgoing, url, body: body.text }
  const reply =
    own && front.sandboxRoutes.outsideTurns(url)
      ? await handler(exchange)
      : await front.turns.run(async () => handler(exchange))
  send(incoming, outgoing, reply)
}

/** The sandbox's request listener; a handler that throws answers 500 naming why. */
export function sandboxListener(front: FrontOptions): RequestListener {
  return (incoming, outgoing) => {
    answer(front, incoming, outgoing).catch((error: unknown) => {
      if (outgoing.headersSent || outgoing.destroyed) return
      sendAnswer(outgoing, refusal(500, 'INTERNAL SERVER ERROR', (error as Error).message ?? String(error)))
    })
  }
}
