// The receiver mounted in a server: node:http (and Express/Connect), Fetch API runtimes, Fastify and
// Hono. Each reads the raw body, bounded by the size limit as it streams, and hands it to `receive`.
// Frameworks are described by the few members used (structural types): none is a dependency.
import { chunksOf, DRAINED_LIMITS, drain, readUpTo } from './bytes.js'
import { json, type ReceiveResult, type Receiving, rejected } from './receive.js'
import { bodyTooLarge, type Delivery } from './verify.js'

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

/** Receiving, with the body limit and the one way into the pipeline. */
export interface Mounted extends Pick<Receiving, 'onError'> {
  maxBodyBytes: number
  receive(delivery: Delivery): Promise<ReceiveResult>
}

const RAW_BODY_GONE =
  'The raw request body is gone: a body parser consumed it before the flexEngage receiver, and signatures ' +
  'are computed over the raw bytes. Express: mount the receiver before express.json(), use express.raw({ type: ' +
  "'application/json' }) on this route, or keep the bytes with express.json({ verify: (req, _res, buf) => " +
  '{ req.rawBody = buf } }). Fastify: app.register(receiver.fastify({ path })) instead of receiver.node. ' +
  'Hono: app.post(path, receiver.hono). Anything else: receiver.receive({ body: rawBytes, headers }).'

const tooLarge = (mounted: Mounted) => rejected(mounted, bodyTooLarge(mounted.maxBodyBytes))

/** A node request's raw body: kept by a body parser, or read from the stream up to the limit. */
async function readNodeBody(
  mounted: Mounted,
  request: NodeRequestLike,
): Promise<Uint8Array | string | ReceiveResult> {
  const kept = request.rawBody ?? request.body
  if (kept instanceof Uint8Array || typeof kept === 'string') return kept
  if (request.readableEnded || (kept !== undefined && kept !== null)) {
    mounted.onError?.(new Error(RAW_BODY_GONE))
    return {
      status: 500,
      outcome: 'failed',
      body: json({ error: 'raw_body_unavailable', message: RAW_BODY_GONE }),
    }
  }
  // Past the limit the rest is drained, not kept: the client, still sending, reads the 413.
  return (await readUpTo(request, mounted.maxBodyBytes, 'drain')) ?? tooLarge(mounted)
}

/** A node:http request listener. */
export function nodeAdapter(mounted: Mounted) {
  return async (request: NodeRequestLike, response: NodeResponseLike): Promise<void> => {
    const body = await readNodeBody(mounted, request)
    const result =
      typeof body === 'object' && 'outcome' in body
        ? body
        : await mounted.receive({ body, headers: request.headers })
    response.statusCode = result.status
    response.setHeader('content-type', 'application/json')
    response.end(result.body)
  }
}

/**
 * A Fetch request's body, refused (413) from its declared length or once it passes the limit. A
 * declared length within DRAINED_LIMITS limits is read and discarded first, so that the client, still
 * sending, reads the 413 (some runtimes reset the connection of a body left unread); a longer one, or
 * one without a declared length, is cut off at once.
 */
async function readFetchBody(mounted: Mounted, request: Request): Promise<Uint8Array | ReceiveResult> {
  const declared = Number(request.headers.get('content-length'))
  if (declared > mounted.maxBodyBytes) {
    if (request.body && declared <= mounted.maxBodyBytes * DRAINED_LIMITS)
      await drain(chunksOf(request.body)[Symbol.asyncIterator](), declared)
    else await request.body?.cancel().catch(() => undefined)
    return tooLarge(mounted)
  }
  if (!request.body) return new Uint8Array()
  return (await readUpTo(chunksOf(request.body), mounted.maxBodyBytes)) ?? tooLarge(mounted)
}

/** `(request: Request) => Promise<Response>`. */
export function fetchAdapter(mounted: Mounted) {
  return async (request: Request): Promise<Response> => {
    const body = await readFetchBody(mounted, request)
    const result =
      body instanceof Uint8Array ? await mounted.receive({ body, headers: request.headers }) : body
    return new Response(result.body, {
      status: result.status,
      headers: { 'content-type': 'application/json' },
    })
  }
}

/** The members of a Fastify instance the plugin uses. */
export interface FastifyLike {
  addContentTypeParser(
    contentType: string,
    options: { parseAs: 'buffer'; bodyLimit?: number },
    parser: (
      request: unknown,
      body: Uint8Array,
      done: (error: Error | null, body?: Uint8Array) => void,
    ) => void,
  ): unknown
  post(
    path: string,
    options: { bodyLimit?: number },
    handler: (
      request: { body: unknown; headers: Record<string, string | string[] | undefined> },
      reply: FastifyReplyLike,
    ) => Promise<unknown>,
  ): unknown
}

export interface FastifyReplyLike {
  code(status: number): FastifyReplyLike
  header(name: string, value: string): FastifyReplyLike
  send(body: string): unknown
}

/**
 * A Fastify plugin serving the receiver at `path`: `app.register(receiver.fastify({ path: '/webhooks' }))`.
 * Inside its own (encapsulated) context JSON bodies arrive as raw bytes; the app's other routes keep
 * their JSON parser.
 */
export function fastifyAdapter(mounted: Mounted) {
  return ({ path }: { path: string }) =>
    async (instance: FastifyLike): Promise<void> => {
      const bodyLimit = mounted.maxBodyBytes
      instance.addContentTypeParser(
        'application/json',
        { parseAs: 'buffer', bodyLimit },
        (_request, body, done) => done(null, body),
      )
      instance.post(path, { bodyLimit }, async (request, reply) => {
        const body = request.body instanceof Uint8Array ? request.body : new Uint8Array()
        const result = await mounted.receive({ body, headers: request.headers })
        return reply.code(result.status).header('content-type', 'application/json').send(result.body)
      })
    }
}

/** A Hono handler: `app.post('/webhooks', receiver.hono)` (the raw Request is Hono's `c.req.raw`). */
export function honoAdapter(fetch: (request: Request) => Promise<Response>) {
  return (context: { req: { raw: Request } }): Promise<Response> => fetch(context.req.raw)
}
