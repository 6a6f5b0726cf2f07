// The one request pipeline: every call, named method or `fe.request`, goes build -> send (token,
// timeout, signal) -> read the body once -> typed result or typed error -> retry decision, and
// returns what happened instead of filling out-parameters.
import { BaseAPI, Configuration, type HTTPMethod, type RequestOpts } from '@flexengage/webhooks-fetch-client'
import { sleep } from '@flexengage/webhooks-types'
import {
  AbortError,
  APIError,
  AuthenticationError,
  apiErrorFor,
  ConnectionError,
  type FlexEngageError,
  ResponseFormatError,
  TimeoutError,
} from './errors.js'
import type { Log } from './logging.js'
import { backoffDelayMs, type RetryPolicy, retryAfterMs } from './retry.js'
import type { TokenSource } from './token.js'

export interface RequestOptions {
  signal?: AbortSignal
  /** Per attempt. */
  timeoutMs?: number
  headers?: Record<string, string>
  maxRetries?: number
}

export interface ResponseInfo {
  status: number
  headers: Headers
  url: string
}

export interface WithResponse<T> {
  data: T
  response: ResponseInfo
  /** Requests sent for this call, retries and a token refresh included. */
  requestsSent: number
}

export interface TransportConfig {
  baseUrl: string
  fetch: typeof fetch | undefined
  timeoutMs: number
  deadlineMs: number | undefined
  headers: Record<string, string>
  retry: RetryPolicy
  log: Log
}

/** A request checked against the operation table, ready to send. */
export interface PreparedRequest {
  operationId: string
  method: string
  /** The path with its parameters filled in and encoded. */
  path: string
  query: Record<string, string | number | boolean>
  body: unknown
  /** May an attempt that may have reached the server be sent again? */
  idempotent: boolean
  /** Whether the operation declares a JSON body for this status (otherwise any body is ignored). */
  hasContent: (status: number) => boolean
}

/** What a call did: its result or its error, and what the server may have seen. */
export type CallOutcome<T> = (
  | { ok: true; data: T; response: ResponseInfo }
  | { ok: false; error: FlexEngageError }
) & {
  requestsSent: number
  /** Whether an attempt before the last one may have reached the server and acted on it. */
  earlierAttemptMayHaveActed: boolean
  /** Whether any attempt, the last one included, may have reached the server and acted on it. */
  anyAttemptMayHaveActed: boolean
}

const TIMED_OUT = Symbol('attempt timed out')
/** Failures that prove the request never reached the server. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])

type Attempt =
  | { kind: 'answered'; status: number; headers: Headers; rawBody: string; url: string }
  | { kind: 'failed'; error: FlexEngageError; mayHaveActed: boolean }

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

export class Transport {
  constructor(
    private readonly config: TransportConfig,
    private readonly token: TokenSource,
  ) {}

  async send<T>(request: PreparedRequest, options: RequestOptions = {}): Promise<CallOutcome<T>> {
    const policy =
      options.maxRetries === undefined
        ? this.config.retry
        : { ...this.config.retry, maxRetries: options.maxRetries }
    const deadline =
      this.config.deadlineMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + this.config.deadlineMs
    const label = `${request.method} ${request.path}`
    let requestsSent = 0
    let retries = 0
    let refreshToken = false
    let earlierMayHaveActed = false
    let lastMayHaveActed = false
    let lastFailure: FlexEngageError | undefined
    const done = (
      result: { ok: true; data: T; response: ResponseInfo } | { ok: false; error: FlexEngageError },
    ) =>
      ({
        ...result,
        requestsSent,
        earlierAttemptMayHaveActed: earlierMayHaveActed,
        anyAttemptMayHaveActed: earlierMayHaveActed || lastMayHaveActed,
      }) as CallOutcome<T>

    for (;;) {
      if (options.signal?.aborted) {
        return done({
          ok: false,
          error: new AbortError(`${label} was aborted`, { cause: options.signal.reason }),
        })
      }
      const remaining = deadline - Date.now()
      if (remaining <= 0) {
        // The last real failure says more than "out of time".
        const error =
          lastFailure ?? new TimeoutError(`${label} exceeded its deadline of ${this.config.deadlineMs} ms`)
        return done({ ok: false, error })
      }
      let token: string
      try {
        token = await this.token.get(refreshToken)
      } catch (error) {
        return done({ ok: false, error: error as FlexEngageError })
      }
      requestsSent++
      const attempt = await this.attempt(
        request,
        token,
        Math.min(options.timeoutMs ?? this.config.timeoutMs, remaining),
        options,
        requestsSent,
      )
      const outcome = this.read<T>(request, attempt)
      lastMayHaveActed = attemptMayHaveActed(attempt)
      if (outcome.ok) return done(outcome)
      const failure = outcome.error
      if (failure instanceof AbortError) return done(outcome)
      // A refreshed token is one more request, but a 401 proves the server did not act.
      if (failure instanceof AuthenticationError && this.token.refreshable && !refreshToken) {
        refreshToken = true
        continue
      }
      lastFailure = failure
      const delayMs = this.retryDelay(request, policy, retries, failure, lastMayHaveActed)
      if (delayMs === undefined || Date.now() + delayMs >= deadline) return done(outcome)
      earlierMayHaveActed ||= lastMayHaveActed
      retries++
      this.config.log.warn?.(
        `retrying ${label} in ${Math.round(delayMs)} ms (retry ${retries}): ${failure.message}`,
      )
      policy.onRetry?.({ operation: request.operationId, attempt: retries, error: failure, delayMs })
      try {
        await sleep(delayMs, options.signal)
      } catch (reason) {
        return done({ ok: false, error: new AbortError(`${label} was aborted`, { cause: reason }) })
      }
    }
  }

  private retryDelay(
    request: PreparedRequest,
    policy: RetryPolicy,
    retries: number,
    failure: FlexEngageError,
    mayHaveActed: boolean,
  ): number | undefined {
    const transient =
      failure instanceof ConnectionError ||
      failure instanceof TimeoutError ||
      failure instanceof ResponseFormatError ||
      (failure instanceof APIError && (failure.status === 429 || failure.status >= 500))
    // Sending again is safe when the operation is idempotent or the server provably did not act.
    const safe = request.idempotent || !mayHaveActed
    const verdict = policy.shouldRetry?.({
      operation: request.operationId,
      attempt: retries + 1,
      error: failure,
    })
    if (!(verdict ?? (transient && safe)) || retries >= policy.maxRetries) return undefined
    if (failure instanceof APIError && failure.retryAfterMs !== undefined) {
      return failure.retryAfterMs <= policy.maxRetryAfterMs ? failure.retryAfterMs : undefined
    }
    return backoffDelayMs(retries, policy)
  }

  /** One attempt: sends through the generated runtime and reads the whole body within the timeout. */
  private async attempt(
    request: PreparedRequest,
    token: string,
    timeoutMs: number,
    options: RequestOptions,
    number: number,
  ): Promise<Attempt> {
    const controller = new AbortController()
    const onCallerAbort = () => controller.abort(options.signal?.reason)
    options.signal?.addEventListener('abort', onCallerAbort, { once: true })
    const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs)
    const label = `${request.method} ${request.path}`
    const started = Date.now()
    let url = request.path
    const api = new OperationApi(
      new Configuration({
        basePath: this.config.baseUrl,
        // Looked up per attempt, so a fetch replaced after construction (e.g. by MSW) is used.
        fetchApi: (input, init) => {
          url = String(input)
          this.config.log.debug?.(`sending ${request.method} ${url} (attempt ${number})`)
          return (this.config.fetch ?? globalThis.fetch)(input, { ...init, signal: controller.signal })
        },
      }),
    )
    const headers: Record<string, string> = { ...this.config.headers, ...options.headers }
    headers.Authorization = `Bearer ${token}`
    if (request.body !== undefined) headers['Content-Type'] = 'application/json'
    try {
      let response: Response
      try {
        response = await api.send({
          path: request.path,
          method: request.method as HTTPMethod,
          headers,
          query: request.query,
          body: request.body as RequestOpts['body'],
        })
      } catch (thrown) {
        // The generated runtime throws the Response itself for a non-2xx status.
        if (!(thrown instanceof Response)) throw thrown
        response = thrown
      }
      const rawBody = await response.text()
      this.config.log.info?.(
        `${label} -> ${response.status} (attempt ${number}, ${Date.now() - started} ms${requestIdOf(response.headers)})`,
      )
      return { kind: 'answered', status: response.status, headers: response.headers, rawBody, url }
    } catch (error) {
      const failed = (failure: FlexEngageError, mayHaveActed: boolean): Attempt => {
        this.config.log.info?.(
          `${label} failed (attempt ${number}, ${Date.now() - started} ms): ${failure.message}`,
        )
        return { kind: 'failed', error: failure, mayHaveActed }
      }
      if (controller.signal.aborted) {
        if (controller.signal.reason === TIMED_OUT) {
          return failed(new TimeoutError(`${request.method} ${url} timed out after ${timeoutMs} ms`), true)
        }
        return {
          kind: 'failed',
          error: new AbortError(`${label} was aborted`, { cause: options.signal?.reason }),
          mayHaveActed: true,
        }
      }
      const reason = error instanceof Error ? error.message : String(error)
      const code = errorCode(error)
      return failed(
        new ConnectionError(`${request.method} ${url} failed: ${reason}${code ? ` (${code})` : ''}`, {
          cause: error,
        }),
        !NEVER_SENT_CODES.has(code ?? ''),
      )
    } finally {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onCallerAbort)
    }
  }

  private read<T>(
    request: PreparedRequest,
    attempt: Attempt,
  ): { ok: true; data: T; response: ResponseInfo } | { ok: false; error: FlexEngageError } {
    if (attempt.kind === 'failed') return { ok: false, error: attempt.error }
    const { status, headers, rawBody, url } = attempt
    if (status < 200 || status >= 300) {
      const body = parseJson(rawBody)
      const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
      return {
        ok: false,
        error: apiErrorFor({
          status,
          method: request.method,
          url,
          headers,
          rawBody,
          message: typeof fields.message === 'string' ? fields.message : undefined,
          description: typeof fields.description === 'string' ? fields.description : undefined,
          validations: isStringMap(fields.validations) ? fields.validations : undefined,
          retryAfterMs: retryAfterMs(headers),
        }),
      }
    }
    const response = { status, headers, url }
    // A status declared without content carries nothing to read, whatever bytes came with it.
    if (!request.hasContent(status) || rawBody === '') return { ok: true, data: undefined as T, response }
    const json = parseJson(rawBody)
    if (json === NOT_JSON) {
      return {
        ok: false,
        error: new ResponseFormatError(
          `${request.method} ${url} answered ${status} with a body that is not JSON`,
          status,
          rawBody,
          headers,
        ),
      }
    }
    return { ok: true, data: json as T, response }
  }
}

function requestIdOf(headers: Headers): string {
  const id = headers.get('x-request-id') ?? headers.get('request-id')
  return id ? `, request id ${id}` : ''
}

/** Whether the server may have acted on this attempt: it answered 2xx or 5xx, or the answer was lost. */
function attemptMayHaveActed(attempt: Attempt): boolean {
  if (attempt.kind === 'failed') return attempt.mayHaveActed
  return attempt.status < 300 || attempt.status >= 500
}

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
