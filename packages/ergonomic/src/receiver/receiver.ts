// createReceiver: verify, dedupe, route; with adapters for node:http, Express-style middleware and
// Fetch API handlers (Next.js route handlers, Hono, Workers). No Node built-in is imported.
import type { VerifiedEvent } from '@flexengage/webhooks-types'
import { chunksOf, readUpTo } from './bytes.js'
import { createMemoryDedupeStore, type DedupeClaim, type DedupeStore } from './dedupe.js'
import { SignatureVerificationError } from './errors.js'
import { type EventHandlers, findHandler, type UnlistedEventHandlers } from './routing.js'
import {
  bodyTooLarge,
  createVerifier,
  DEFAULT_MAX_BODY_BYTES,
  type Delivery,
  type VerifierOptions,
} from './verify.js'

export interface ReceiverOptions extends VerifierOptions {
  /**
   * Handlers of the event types the spec lists, by type (`'A.B.C'`), by group (`'A'` or `'A.B'`:
   * every listed type under it) or `'*'`; the most specific one runs. Each gets
   * the events it covers typed by the spec, so checking `event.type` narrows `event.data`. A key the
   * spec does not list does not compile: see `unlisted`. An event with no handler is acknowledged.
   */
  on: EventHandlers
  /**
   * Handlers of event types the spec does not list yet (by type, group or `'*'`), whose `data` is an
   * object of unknown shape. flexEngage adds types before this package describes them; an unlisted
   * type with no handler here is acknowledged (200, `unhandled`), never failed.
   */
  unlisted?: UnlistedEventHandlers
  /**
   * Default: in memory, per process (`createMemoryDedupeStore`). Several receiver processes share one
   * store, e.g. `createRedisDedupeStore` from `@flexengage/webhooks-redis`. `false` runs the handler
   * for every delivery.
   */
  dedupe?: DedupeStore | false
  /** Sees every refused delivery and every handler failure, e.g. for logging. */
  onError?: (error: unknown) => void
}

/**
 * `busy`: another delivery of the event holds a live lease (not acknowledged: flexEngage comes back).
 * `unavailable`: the dedupe store could not be asked; the handler did not run (flexEngage retries).
 */
export type ReceiveOutcome =
  | 'handled'
  | 'duplicate'
  | 'unhandled'
  | 'rejected'
  | 'failed'
  | 'busy'
  | 'unavailable'

/** The `error` of each refused outcome's JSON answer. */
const ERROR_OF: Partial<Record<ReceiveOutcome, string>> = {
  failed: 'handler_failed',
  busy: 'in_progress',
  unavailable: 'dedupe_unavailable',
}

export interface ReceiveResult {
  status: number
  outcome: ReceiveOutcome
  /** The JSON answer sent back to flexEngage. */
  body: string
  /** The verified event (absent when the delivery was refused before it was read). */
  event?: VerifiedEvent
  error?: unknown
}

/** The parts of a node:http IncomingMessage (or an Express request) the adapter reads. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  headers: Record<string, string | string[] | undefined>
  readableEnded?: boolean
  /** Kept by `express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })` and similar. */
  rawBody?: unknown
  body?: unknown
}

export interface NodeResponseLike {
  statusCode: number
  setHeader(name: string, value: string): unknown
  end(body?: string): unknown
}

export interface Receiver {
  receive(delivery: Delivery): Promise<ReceiveResult>
  /** A node:http request listener. */
  node(request: NodeRequestLike, response: NodeResponseLike): Promise<void>
  /** Express/Connect-style middleware; mount it on the webhook route. */
  middleware(request: NodeRequestLike, response: NodeResponseLike, next?: (error?: unknown) => void): void
  /** `(request: Request) => Promise<Response>`, for Fetch API runtimes. */
  fetch(request: Request): Promise<Response>
}

const RAW_BODY_GONE =
  'The raw request body is gone: a body parser consumed it before the flexEngage receiver, and signatures ' +
  'are computed over the raw bytes. Mount the receiver before express.json(), use express.raw({ type: ' +
  "'application/json' }) on this route, or keep the bytes with express.json({ verify: (req, _res, buf) => " +
  '{ req.rawBody = buf } }).'

const json = (value: unknown) => JSON.stringify(value)

function statusFor(error: SignatureVerificationError): number {
  if (error.reason === 'body_too_large') return 413
  // Genuine, but its data breaks the spec's payload schema: the typed handler must not see it.
  if (error.reason === 'invalid_payload') return 422
  // Our side could not get the key: a later attempt may succeed.
  if (error.reason === 'key_fetch_failed') return 503
  return 400
}

/**
 * A webhook endpoint for flexEngage deliveries: verifies each delivery's signature over the raw body
 * with a key from an allowed host, checks the event against the spec, acknowledges a redelivery of an
 * event already handled without running its handler again, and runs the most specific handler. Mount
 * one of its adapters: `node` (node:http), `middleware` (Express), `fetch` (Fetch API runtimes), or
 * call `receive({ body, headers })` from any framework that gives the raw body.
 */
export function createReceiver(options: ReceiverOptions): Receiver {
  const verify = createVerifier(options)
  const dedupe = options.dedupe === false ? undefined : (options.dedupe ?? createMemoryDedupeStore())
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const tooLarge = () => bodyTooLarge(maxBodyBytes)

  /**
   * The answer to a refused delivery, whichever adapter refused it. A failed key fetch is not
   * described to the sender (what a URL answered is ours to know); `onError` gets the detail.
   */
  function rejected(error: SignatureVerificationError): ReceiveResult {
    options.onError?.(error)
    const message =
      error.reason === 'key_fetch_failed'
        ? 'the signing key could not be fetched; try again later'
        : error.message
    return {
      status: statusFor(error),
      outcome: 'rejected',
      error,
      body: json({ error: error.reason, message }),
    }
  }

  /** A store write after the handler ran: its failure is reported, never turned into a retry. */
  async function reportingFailure(write: () => unknown): Promise<void> {
    try {
      await write()
    } catch (error) {
      options.onError?.(error)
    }
  }

  async function receive(delivery: Delivery): Promise<ReceiveResult> {
    let event: VerifiedEvent
    try {
      event = await verify(delivery)
    } catch (error) {
      if (error instanceof SignatureVerificationError) return rejected(error)
      options.onError?.(error)
      return { status: 500, outcome: 'failed', error, body: json({ error: 'verification_failed' }) }
    }
    const answer = (status: number, outcome: ReceiveOutcome, error?: unknown): ReceiveResult => ({
      status,
      outcome,
      event,
      ...(error === undefined ? {} : { error }),
      body: json(
        status < 300
          ? { received: true, eventId: event.id, outcome }
          : { error: ERROR_OF[outcome], eventId: event.id },
      ),
    })
    const handler = findHandler(options.on, options.unlisted, event.type)
    if (!handler) return answer(200, 'unhandled')
    let claim: DedupeClaim = { outcome: 'claimed', lease: '' }
    try {
      if (dedupe) claim = await dedupe.claim(event.id)
    } catch (error) {
      // Without a claim the handler could run twice: refuse, and let flexEngage retry.
      options.onError?.(error)
      return answer(503, 'unavailable', error)
    }
    if (claim.outcome === 'done') return answer(200, 'duplicate')
    if (claim.outcome === 'in-progress') return answer(409, 'busy')
    const { lease } = claim
    try {
      await handler(event, { eventId: event.id, attemptId: event.attemptId })
    } catch (error) {
      // Not acknowledged: flexEngage retries, and the retry must run the handler again.
      await reportingFailure(() => dedupe?.release(event.id, lease))
      options.onError?.(error)
      return answer(500, 'failed', error)
    }
    // The handler's effect happened: acknowledge it even if the done mark cannot be written (the lease
    // then simply expires; flexEngage does not redeliver an acknowledged attempt).
    await reportingFailure(() => dedupe?.complete(event.id, lease))
    return answer(200, 'handled')
  }

  async function readNodeBody(request: NodeRequestLike): Promise<Uint8Array | string | ReceiveResult> {
    const kept = request.rawBody ?? request.body
    if (kept instanceof Uint8Array || typeof kept === 'string') return kept
    if (request.readableEnded || (kept !== undefined && kept !== null)) {
      options.onError?.(new Error(RAW_BODY_GONE))
      return {
        status: 500,
        outcome: 'failed',
        body: json({ error: 'raw_body_unavailable', message: RAW_BODY_GONE }),
      }
    }
    return (await readUpTo(request, maxBodyBytes)) ?? rejected(tooLarge())
  }

  /** A Fetch request's body, refused (413) from its declared length or once it passes the limit. */
  async function readFetchBody(request: Request): Promise<Uint8Array | ReceiveResult> {
    if (Number(request.headers.get('content-length')) > maxBodyBytes) return rejected(tooLarge())
    if (!request.body) return new Uint8Array()
    return (await readUpTo(chunksOf(request.body), maxBodyBytes)) ?? rejected(tooLarge())
  }

  async function node(request: NodeRequestLike, response: NodeResponseLike): Promise<void> {
    const body = await readNodeBody(request)
    const result =
      typeof body === 'object' && 'outcome' in body ? body : await receive({ body, headers: request.headers })
    response.statusCode = result.status
    response.setHeader('content-type', 'application/json')
    response.end(result.body)
  }

  return {
    receive,
    node,
    middleware(request, response, next) {
      node(request, response).catch((error: unknown) => (next ? next(error) : options.onError?.(error)))
    },
    async fetch(request) {
      const body = await readFetchBody(request)
      const result = body instanceof Uint8Array ? await receive({ body, headers: request.headers }) : body
      return new Response(result.body, {
        status: result.status,
        headers: { 'content-type': 'application/json' },
      })
    },
  }
}
