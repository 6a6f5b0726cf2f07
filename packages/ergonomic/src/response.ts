// Reads one answered attempt: a 2xx body as the operation declares it, anything else as the typed
// error for its status. The body was read once, by the attempt; nothing here touches the network.
import type { Attempt } from './attempt.js'
import { apiErrorFor, type FlexEngageError, ResponseFormatError } from './errors.js'
import type { PreparedRequest, ResponseInfo } from './request.js'
import { retryAfterMs } from './retry.js'

export type AttemptResult<T> =
  | { ok: true; data: T; response: ResponseInfo }
  | { ok: false; error: FlexEngageError }

const NOT_JSON = Symbol('not JSON')

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string')
  )
}

function errorOf(request: PreparedRequest, attempt: Extract<Attempt, { kind: 'answered' }>): FlexEngageError {
  const { status, headers, rawBody, url } = attempt
  const body = parseJson(rawBody)
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  return apiErrorFor({
    status,
    method: request.method,
    url,
    headers,
    rawBody,
    message: typeof fields.message === 'string' ? fields.message : undefined,
    description: typeof fields.description === 'string' ? fields.description : undefined,
    validations: isStringMap(fields.validations) ? fields.validations : undefined,
    retryAfterMs: retryAfterMs(headers),
  })
}

export function readAttempt<T>(request: PreparedRequest, attempt: Attempt): AttemptResult<T> {
  if (attempt.kind === 'failed') return { ok: false, error: attempt.error }
  const { status, headers, rawBody, url } = attempt
  if (status < 200 || status >= 300) return { ok: false, error: errorOf(request, attempt) }
  const response = { status, headers, url }
  // A status declared without content carries nothing to read, whatever bytes came with it.
  if (!request.hasContent(status) || rawBody === '') return { ok: true, data: undefined as T, response }
  const json = parseJson(rawBody)
  if (json === NOT_JSON) {
    const message = `${request.method} ${url} answered ${status} with a body that is not JSON`
    return { ok: false, error: new ResponseFormatError(message, status, rawBody, headers) }
  }
  return { ok: true, data: json as T, response }
}
