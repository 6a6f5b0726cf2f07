// One attempt of a request: sent through the generated client's runtime with the token, a timeout
// and the caller's signal, its whole body read within that time. Never throws: a failure is an
// Attempt that says whether the request may have reached the server.
import { BaseAPI, Configuration, type HTTPMethod, type RequestOpts } from '@flexengage/webhooks-fetch-client'
import { AbortError, ConnectionError, type FlexEngageError, TimeoutError } from './errors.js'
import type { Log } from './logging.js'
import type { PreparedRequest, RequestOptions } from './request.js'

export type Attempt =
  | { kind: 'answered'; status: number; headers: Headers; rawBody: string; url: string }
  | { kind: 'failed'; error: FlexEngageError; mayHaveActed: boolean }

export interface AttemptConfig {
  baseUrl: string
  fetch: typeof fetch | undefined
  headers: Record<string, string>
  log: Log
}

const TIMED_OUT = Symbol('attempt timed out')
/** Failures that prove the request never reached the server. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])

/** The generated client's runtime, sending a request described by the operation table. */
class OperationApi extends BaseAPI {
  send(context: RequestOpts): Promise<Response> {
    return this.request(context)
  }
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}

function requestIdOf(headers: Headers): string {
  const id = headers.get('x-request-id') ?? headers.get('request-id')
  return id ? `, request id ${id}` : ''
}

/** Whether the server may have acted on this attempt: it answered 2xx or 5xx, or the answer was lost. */
export function attemptMayHaveActed(attempt: Attempt): boolean {
  if (attempt.kind === 'failed') return attempt.mayHaveActed
  return attempt.status < 300 || attempt.status >= 500
}

interface AttemptInput {
  request: PreparedRequest
  token: string
  timeoutMs: number
  options: RequestOptions
  /** 1 for the first attempt of a call. */
  number: number
}

/** Sends one attempt; a thrown fetch failure becomes a `failed` Attempt naming what happened. */
export async function sendAttempt(config: AttemptConfig, input: AttemptInput): Promise<Attempt> {
  const { request, token, timeoutMs, options, number } = input
  const controller = new AbortController()
  const onCallerAbort = () => controller.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onCallerAbort, { once: true })
  const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs)
  const label = `${request.method} ${request.path}`
  const started = Date.now()
  let url = request.path
  const api = new OperationApi(
    new Configuration({
      basePath: config.baseUrl,
      // Looked up per attempt, so a fetch replaced after construction (e.g. by MSW) is used.
      fetchApi: (target, init) => {
        url = String(target)
        config.log.debug?.(`sending ${request.method} ${url} (attempt ${number})`)
        return (config.fetch ?? globalThis.fetch)(target, { ...init, signal: controller.signal })
      },
    }),
  )
  const headers: Record<string, string> = { ...config.headers, ...options.headers }
  headers.Authorization = `Bearer ${token}`
  if (request.body !== undefined) headers['Content-Type'] = 'application/json'
  try {
    const response = await api
      .send({
        path: request.path,
        method: request.method as HTTPMethod,
        headers,
        query: request.query,
        body: request.body as RequestOpts['body'],
      })
      // The generated runtime throws the Response itself for a non-2xx status.
      .catch((thrown: unknown) => {
        if (thrown instanceof Response) return thrown
        throw thrown
      })
    const rawBody = await response.text()
    config.log.info?.(
      `${label} -> ${response.status} (attempt ${number}, ${Date.now() - started} ms${requestIdOf(response.headers)})`,
    )
    return { kind: 'answered', status: response.status, headers: response.headers, rawBody, url }
  } catch (error) {
    const failure = failureOf(error, controller.signal, {
      method: request.method,
      url,
      timeoutMs,
      label,
      options,
    })
    config.log.info?.(
      `${label} failed (attempt ${number}, ${Date.now() - started} ms): ${failure.error.message}`,
    )
    return failure
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onCallerAbort)
  }
}

/** What a thrown failure was: the caller's abort, this attempt's timeout, or a connection failure. */
function failureOf(
  error: unknown,
  signal: AbortSignal,
  at: { method: string; url: string; timeoutMs: number; label: string; options: RequestOptions },
): Extract<Attempt, { kind: 'failed' }> {
  if (signal.aborted && signal.reason === TIMED_OUT) {
    const timedOut = new TimeoutError(`${at.method} ${at.url} timed out after ${at.timeoutMs} ms`)
    return { kind: 'failed', error: timedOut, mayHaveActed: true }
  }
  if (signal.aborted) {
    const aborted = new AbortError(`${at.label} was aborted`, { cause: at.options.signal?.reason })
    return { kind: 'failed', error: aborted, mayHaveActed: true }
  }
  const reason = error instanceof Error ? error.message : String(error)
  const code = errorCode(error)
  const connection = new ConnectionError(
    `${at.method} ${at.url} failed: ${reason}${code ? ` (${code})` : ''}`,
    {
      cause: error,
    },
  )
  return { kind: 'failed', error: connection, mayHaveActed: !NEVER_SENT_CODES.has(code ?? '') }
}
