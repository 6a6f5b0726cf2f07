// Reading and checking what a request carries, before any behaviour runs: the body (size, type,
// depth, JSON) and the whole request against the spec's generated request validator.
import { validationsOf } from '@flexengage/webhooks-types'
import { apiError, jsonAnswer, type MockAnswer, unprocessable } from './api-errors.js'
import { isJsonContentType, jsonDepth, MAX_JSON_DEPTH, readWebBody } from './input-limits.js'
import { mockOperations, type OperationId } from './routes.js'

/** What the core reads of a request: a WHATWG `Request` fits, and so does a light node:http view. */
export interface MockRequest {
  readonly method: string
  readonly url: string
  readonly headers: { get(name: string): string | null }
  readonly signal: AbortSignal
  /** A WHATWG body stream (fetch and MSW adapters). */
  readonly body?: ReadableStream<Uint8Array> | null
  /** Reads the body as text, or undefined once it passes `limit` bytes (light node:http view). */
  readText?(limit: number): Promise<string | undefined>
}

export interface RequestInput {
  query: Record<string, unknown>
  body: unknown
}

/**
 * Every query parameter, integers of declared integer parameters read as numbers. An undeclared one
 * is kept, so the validator refuses it as the client does (a typo'd name would otherwise be ignored).
 */
function queryOf(url: URL, declared: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const query: Record<string, unknown> = {}
  for (const [name, value] of url.searchParams) {
    query[name] = declared[name] === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value
  }
  return query
}

/** The body's JSON: undefined when empty, or the refusal (413, 415, 422, 400) when it cannot be read. */
async function readBody(
  request: MockRequest,
  maxBodyBytes: number,
): Promise<{ read: true; body: unknown } | { read: false; refusal: MockAnswer }> {
  const declared = Number(request.headers.get('content-length'))
  const text =
    declared > maxBodyBytes
      ? undefined
      : request.readText
        ? await request.readText(maxBodyBytes)
        : await readWebBody(request.body ?? null, maxBodyBytes)
  const refuse = (refusal: MockAnswer) => ({ read: false as const, refusal })
  if (text === undefined) {
    return refuse(
      jsonAnswer(413, apiError(413, 'PAYLOAD TOO LARGE', `The request body exceeds ${maxBodyBytes} bytes`)),
    )
  }
  if (text !== '' && !isJsonContentType(request.headers.get('content-type'))) {
    const description = 'The request body must be JSON (Content-Type: application/json)'
    return refuse(jsonAnswer(415, apiError(415, 'UNSUPPORTED MEDIA TYPE', description)))
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    return refuse(
      jsonAnswer(422, unprocessable({ body: `must not be nested deeper than ${MAX_JSON_DEPTH} levels` })),
    )
  }
  try {
    return { read: true as const, body: text === '' ? undefined : JSON.parse(text) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return refuse(
      jsonAnswer(400, apiError(400, 'BAD REQUEST', `The request body is not valid JSON: ${reason}`)),
    )
  }
}

/** The request's query and body, checked against the spec, or the refusal that says what is wrong. */
export async function readInput(
  operationId: OperationId,
  request: MockRequest,
  params: Record<string, string>,
  maxBodyBytes: number,
): Promise<RequestInput | { refusal: MockAnswer }> {
  const operation = mockOperations()[operationId]
  let body: unknown
  if (operation.hasBody) {
    const read = await readBody(request, maxBodyBytes)
    if (!read.read) return read
    body = read.body
  }
  const query = queryOf(new URL(request.url), operation.queryParams)
  const candidate = { path: params, query, ...(body === undefined ? {} : { body }) }
  if (operation.validateRequest(candidate)) return { query, body: candidate.body }
  return { refusal: jsonAnswer(422, unprocessable(validationsOf(operation.validateRequest.errors ?? []))) }
}
