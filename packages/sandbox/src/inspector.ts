// The inspector's server side: its bundled page under /_sandbox/ui/ (built into dist-inspector/ by
// tsup, read once, served same-origin with a strict content security policy), the live change feed
// it listens to, and what it needs beside the API: each attempt's signature checked with the
// project's own verifier, and the spec's example payloads to trigger events with.
import { readFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { createVerifier, envelopeBody, SignatureVerificationError } from '@flexengage/webhooks/receiver'
import type { EventRecord } from '@flexengage/webhooks-mock-handlers'
import { deliveryEnvelope } from './deliverer.js'
import type { SigningKey } from './signing-key.js'

export const INSPECTOR_PATH = '/_sandbox/ui/'

/** The link printed at start-up: the token rides in the fragment, which browsers never send. */
export const inspectorLink = (origin: string, token: string, brandId: string) =>
  `${origin}${INSPECTOR_PATH}#${new URLSearchParams({ token, brand: brandId })}`

const ASSET_TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
}

// From src/ (tests) and from dist/ (the package) alike, this is the package's dist-inspector/.
const ASSETS_DIR = new URL('../dist-inspector/', import.meta.url)
let assets: Map<string, Buffer> | undefined

/** Serves `index.html`, `app.js` or `app.css`; false for any other name. */
export function serveInspectorAsset(name: string, response: ServerResponse): boolean {
  const file = name === '' ? 'index.html' : name
  const type = ASSET_TYPES[file]
  if (!type) return false
  assets ??= new Map(
    Object.keys(ASSET_TYPES).map((asset) => [asset, readFileSync(new URL(asset, ASSETS_DIR))]),
  )
  response.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // Same-origin only: no inline script, no third-party host, nothing framed.
    'content-security-policy':
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  })
  response.end(assets.get(file))
  return true
}

/**
 * Tells subscribers that the sandbox's state changed. Bursts coalesce into one message per turn of
 * the event loop, so a thousand deliveries a second cost a listening page a few refreshes.
 */
export class ChangeFeed {
  readonly #listeners = new Set<(sequence: number) => void>()
  #sequence = 0
  #pending = false

  subscribe(listener: (sequence: number) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  publish(): void {
    this.#sequence++
    if (this.#pending || this.#listeners.size === 0) return
    this.#pending = true
    setImmediate(() => {
      this.#pending = false
      for (const listener of this.#listeners) listener(this.#sequence)
    })
  }
}

/** Answers a server-sent event stream of `change` messages until the client goes away. */
export function streamChanges(feed: ChangeFeed, response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  })
  const send = (sequence: number) => response.write(`event: change\ndata: ${sequence}\n\n`)
  send(0)
  const unsubscribe = feed.subscribe(send)
  // A comment now and then keeps idle proxies from closing the stream.
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000).unref()
  response.on('close', () => {
    unsubscribe()
    clearInterval(heartbeat)
  })
}

export interface AttemptSignature {
  attemptId: string
  verified: boolean
  /** Why it does not verify: the verifier's reason (e.g. `signature_mismatch`). */
  reason?: string
}

/**
 * Checks events' attempts with the receiver's own verifier, made once (its key cache stays warm):
 * the envelope of an event's latest attempt, and whether each attempt's recorded signature headers
 * verify the body that attempt carried (rebuilt exactly as the deliverer signs it) with this
 * sandbox's key.
 */
export function signatureInspector(key: SigningKey, keyUrl: () => string) {
  const verify = createVerifier({
    trustLocalSandbox: true,
    // The mark is about the signature: a delivery's age is the receiver's business.
    maxDeliveryAgeMs: false,
    keyResolver: async (url) => {
      if (url.href !== keyUrl()) throw new Error(`not this sandbox's key: ${url}`)
      return key.publicPem
    },
  })
  return async (brandId: string, webhookId: string, event: EventRecord) => {
    const { attempts } = event
    const signatures: AttemptSignature[] = await Promise.all(
      attempts.map(async (attempt) => {
        const envelope = deliveryEnvelope(brandId, webhookId, event, attempt.id)
        try {
          await verify({ body: envelopeBody(envelope), headers: attempt.request.headers })
          return { attemptId: attempt.id, verified: true }
        } catch (error) {
          const reason = error instanceof SignatureVerificationError ? error.reason : String(error)
          return { attemptId: attempt.id, verified: false, reason }
        }
      }),
    )
    const latest = attempts.at(-1)
    return {
      envelope: latest ? deliveryEnvelope(brandId, webhookId, event, latest.id) : undefined,
      signatures,
    }
  }
}
