// undici's fetch tops out near 6k req/s on this machine, below what the servers under test serve;
// HTTP targets are driven with node:http and a keep-alive agent (about 20k req/s against a trivial
// server), the same client the sandbox delivers with.
import { Agent, request } from 'node:http'

/** A fetch-like function over node:http, at most `concurrency` connections per host. */
export function keepAliveFetch(concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  return (url, { method = 'GET', headers, body } = {}) =>
    new Promise((resolve, reject) => {
      const outgoing = request(url, { method, headers, agent }, (incoming) => {
        const chunks = []
        incoming.on('data', (chunk) => chunks.push(chunk))
        incoming.on('end', () => {
          const status = incoming.statusCode ?? 0
          const bytes = Buffer.concat(chunks)
          resolve({
            status,
            ok: status >= 200 && status < 300,
            arrayBuffer: async () => bytes,
            json: async () => JSON.parse(bytes.toString('utf8')),
          })
        })
      })
      outgoing.on('error', reject)
      outgoing.end(body)
    })
}
