// One POST to the receiver under test, with a deadline: what came back. Connections are kept alive
// (as flexEngage's are), so a receiver that answers a refused body early and drains the rest can keep
// the connection, and the answer reaches the kit.
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

export interface Connections {
  http: HttpAgent
  https: HttpsAgent
  close(): void
}

export function keptAliveConnections(): Connections {
  const http = new HttpAgent({ keepAlive: true })
  const https = new HttpsAgent({ keepAlive: true })
  return {
    http,
    https,
    close() {
      http.destroy()
      https.destroy()
    },
  }
}

// A receiver that answers a refused body early may reset the connection while the kit is still
// writing the rest; that write error reaches the socket after the request let go of it. The answer
// (or the request's own error) is what counts, so each pooled socket gets one listener that ignores it.
const guardedSockets = new WeakSet<object>()
function ignoreLateWriteErrors(socket: NodeJS.EventEmitter): void {
  if (guardedSockets.has(socket)) return
  guardedSockets.add(socket)
  socket.on('error', () => undefined)
}

export interface Answer {
  status?: number
  /** Milliseconds from sending to the answer's status line (or to the failure). */
  ms: number
  /** Why there is no answer: refused, reset, timed out. */
  failure?: string
}

export function post(
  connections: Connections,
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Answer> {
  const started = performance.now()
  const ms = () => Math.round(performance.now() - started)
  const target = new URL(url)
  const secure = target.protocol === 'https:'
  const send = secure ? httpsRequest : httpRequest
  return new Promise((resolve) => {
    const outgoing = send(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.byteLength) },
      agent: secure ? connections.https : connections.http,
      signal: AbortSignal.timeout(timeoutMs),
    })
    outgoing.on('socket', ignoreLateWriteErrors)
    // The status is the answer: a receiver that refuses a large body may close before reading it all.
    outgoing.on('response', (incoming) => {
      resolve({ status: incoming.statusCode, ms: ms() })
      incoming.resume()
    })
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        ms: ms(),
        failure:
          error.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : (error.code ?? error.message),
      }),
    )
    outgoing.end(body)
  })
}
