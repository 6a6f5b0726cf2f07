// One delivery POST over node:http(s), on keep-alive agents so each endpoint reuses its connections.
// Cheaper per request than fetch, which matters at hundreds of deliveries a second; redirects are
// not followed (a 3xx is the receiver's answer, as flexEngage records it).
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

export interface PostAnswer {
  statusCode: number
  headers: Record<string, string>
  body: string
}

/** Keep-alive connection pools, one per scheme; each pools its connections per host and port. */
export class DeliveryAgents {
  readonly http: HttpAgent
  readonly https: HttpsAgent

  constructor(maxSocketsPerEndpoint: number) {
    const options = { keepAlive: true, maxSockets: maxSocketsPerEndpoint }
    this.http = new HttpAgent(options)
    this.https = new HttpsAgent(options)
  }

  destroy(): void {
    this.http.destroy()
    this.https.destroy()
  }
}

/**
 * POSTs `body`; rejects if the connection fails or the exchange outlasts `timeoutMs`. Only the first
 * `maxBodyBytes` of the answer are kept: past them the response is destroyed as it streams, so a
 * receiver answering a gigabyte costs no more memory than one answering a line.
 */
export function post(
  endpoint: string,
  headers: Record<string, string>,
  body: Uint8Array,
  options: { agents: DeliveryAgents; timeoutMs: number; maxBodyBytes: number },
): Promise<PostAnswer> {
  const url = new URL(endpoint)
  const secure = url.protocol === 'https:'
  const send = secure ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.byteLength) },
      agent: secure ? options.agents.https : options.agents.http,
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    request.on('error', reject)
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      let kept = 0
      const answered = () =>
        resolve({
          statusCode: response.statusCode ?? 0,
          headers: flatHeaders(response.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        })
      response.on('data', (chunk: Buffer) => {
        const room = options.maxBodyBytes - kept
        if (room > 0) chunks.push(chunk.subarray(0, room))
        kept += Math.min(room, chunk.length)
        if (kept < options.maxBodyBytes) return
        // Enough to record: the rest is never read (the connection closes instead of draining).
        response.destroy()
        answered()
      })
      response.on('error', reject)
      response.on('end', answered)
    })
    request.end(body)
  })
}

/** As fetch's `Headers` shows them: repeated headers joined with ", ". */
function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  return flat
}
