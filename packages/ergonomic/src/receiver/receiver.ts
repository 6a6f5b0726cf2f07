// createReceiver: the options, and the receiver composed from them: the verifier, the handlers and
// the dedupe store (receive.ts), mounted for node:http, Express-style middleware and Fetch API
// runtimes (adapters.ts). No Node built-in is imported.
import {
  type FastifyLike,
  fastifyAdapter,
  fetchAdapter,
  honoAdapter,
  type NodeRequestLike,
  type NodeResponseLike,
  nodeAdapter,
} from './adapters.js'
import { createMemoryDedupeStore, type DedupeStore } from './dedupe.js'
import { type ReceiveResult, type Receiving, receive } from './receive.js'
import type { EventHandlers, UnlistedEventHandlers } from './routing.js'
import { createVerifier, DEFAULT_MAX_BODY_BYTES, type Delivery, type VerifierOptions } from './verify.js'

export type { FastifyLike, FastifyReplyLike, NodeRequestLike, NodeResponseLike } from './adapters.js'
export type { ReceiveOutcome, ReceiveResult } from './receive.js'

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

export interface Receiver {
  receive(delivery: Delivery): Promise<ReceiveResult>
  /** A node:http request listener. */
  node(request: NodeRequestLike, response: NodeResponseLike): Promise<void>
  /** Express/Connect-style middleware; mount it on the webhook route. */
  middleware(request: NodeRequestLike, response: NodeResponseLike, next?: (error?: unknown) => void): void
  /** `(request: Request) => Promise<Response>`, for Fetch API runtimes (Next.js route handlers, Workers, Bun, Deno). */
  fetch(request: Request): Promise<Response>
  /** A Fastify plugin: `app.register(receiver.fastify({ path: '/webhooks' }))`; other routes keep their JSON parser. */
  fastify(options: { path: string }): (instance: FastifyLike) => Promise<void>
  /** A Hono handler: `app.post('/webhooks', receiver.hono)`. */
  hono(context: { req: { raw: Request } }): Promise<Response>
}

/**
 * A webhook endpoint for flexEngage deliveries: verifies each delivery's signature over the raw body
 * with a key from an allowed host, checks the event against the spec, acknowledges a redelivery of an
 * event already handled without running its handler again, and runs the most specific handler. Mount
 * one of its adapters: `node` (node:http), `middleware` (Express), `fetch` (Fetch API runtimes), or
 * call `receive({ body, headers })` from any framework that gives the raw body.
 */
export function createReceiver(options: ReceiverOptions): Receiver {
  const receiving: Receiving = {
    verify: createVerifier(options),
    on: options.on,
    unlisted: options.unlisted,
    dedupe: options.dedupe === false ? undefined : (options.dedupe ?? createMemoryDedupeStore()),
    onError: options.onError,
  }
  const mounted = {
    onError: options.onError,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    receive: (delivery: Delivery) => receive(receiving, delivery),
  }
  const node = nodeAdapter(mounted)
  const fetch = fetchAdapter(mounted)
  return {
    receive: mounted.receive,
    node,
    middleware(request, response, next) {
      node(request, response).catch((error: unknown) => (next ? next(error) : options.onError?.(error)))
    },
    fetch,
    fastify: fastifyAdapter(mounted),
    hono: honoAdapter(fetch),
  }
}
