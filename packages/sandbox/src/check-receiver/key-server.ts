// The kit's key servers: one the receiver under test trusts as it trusts the sandbox (127.0.0.1, a
// .pem path), and one on another loopback address it must not trust, which counts every fetch.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface KeyServer {
  origin: string
  /** Requests it has answered so far. */
  readonly hits: number
  /** The key it serves from now on (its URL, which names the port, comes first). */
  serve(pem: string): void
  close(): Promise<void>
}

/** Serves one PEM at every path on `host:port`; undefined when this machine cannot bind `host`. */
export async function serveKey(host: string, port = 0): Promise<KeyServer | undefined> {
  let hits = 0
  let pem = ''
  const server = createServer((_request, response) => {
    hits++
    response.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(pem)
  })
  server.listen(port, host)
  try {
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => Promise.reject(error)),
    ])
  } catch {
    return undefined
  }
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    get hits() {
      return hits
    },
    serve(key) {
      pem = key
    },
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
