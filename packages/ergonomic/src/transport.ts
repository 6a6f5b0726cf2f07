// One logical call: attempts through the generated client, timeouts, retries, and typed errors.
import { Configuration, WebhooksApi } from '@flexengage/webhooks-fetch-client'
import {
  AbortError,
  APIError,
  AuthenticationError,
  apiErrorFor,
  ConnectionError,
  FlexEngageError,
  ResponseFormatError,
  TimeoutError,
} from './errors.js'
import { backoffDelayMs, type RetryPolicy, retryAfterMs, sleep } from './retry.js'
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
}

export interface TransportConfig {
  baseUrl: string
  fetch: typeof fetch | undefined
  timeoutMs: number
  deadlineMs: number | undefined
  headers: Record<string, string>
  retry: RetryPolicy
}

export interface CallSpec<T> {
  operation: string
  /** May this call be sent again after a 429, a 5xx or a network failure? */
  retryable: boolean
  call: (api: WebhooksApi) => Promise<unknown>
  /** Maps the JSON body (undefined when there is none) to the result; throws on a wrong shape. */
  parse: (json: unknown, status: number) => T
  /** Filled in as the call proceeds: how many attempts were sent. */
  progress?: { attempts: number }
}

const TIMED_OUT = Symbol('attempt timed out')

interface AttemptResult {
  status: number
  headers: Headers
  rawBody: string
  method: string
  url: string
}

export class Transport {
  constructor(
    private readonly config: TransportConfig,
    private readonly token: TokenSource,
  ) {}

  async request<T>(spec: CallSpec<T>, options: RequestOptions = {}): Promise<WithResponse<T>> {
    const policy =
      options.maxRetries === undefined
        ? this.config.retry
        : { ...this.config.retry, maxRetries: options.maxRetries }
    const deadline =
      this.config.deadlineMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + this.config.deadlineMs
    let retries = 0
    let refreshToken = false
    let lastFailure: FlexEngageError | undefined
    for (;;) {
      if (options.signal?.aborted)
        throw new AbortError(`${spec.operation} was aborted`, { cause: options.signal.reason })
      const remaining = deadline - Date.now()
      if (remaining <= 0) {
        // The last real failure says more than "out of time".
        throw (
          lastFailure ??
          new TimeoutError(`${spec.operation} exceeded its deadline of ${this.config.deadlineMs} ms`)
        )
      }
      if (spec.progress) spec.progress.attempts++
      let failure: FlexEngageError
      try {
        const token = await this.token.get(refreshToken)
        const attempt = await this.attempt(
          spec,
          token,
          Math.min(options.timeoutMs ?? this.config.timeoutMs, remaining),
          options,
        )
        return this.read(spec, attempt)
      } catch (error) {
        failure =
          error instanceof FlexEngageError
            ? error
            : new ConnectionError(`${spec.operation} failed`, { cause: error })
      }
      if (failure instanceof AuthenticationError && this.token.refreshable && !refreshToken) {
        refreshToken = true
        continue
      }
      lastFailure = failure
      const delayMs = this.retryDelay(spec, policy, retries, failure)
      if (delayMs === undefined || Date.now() + delayMs >= deadline) throw failure
      retries++
      policy.onRetry?.({ operation: spec.operation, attempt: retries, error: failure, delayMs })
      try {
        await sleep(delayMs, options.signal)
      } catch (reason) {
        throw new AbortError(`${spec.operation} was aborted`, { cause: reason })
      }
    }
  }

  private retryDelay(
    spec: CallSpec<unknown>,
    policy: RetryPolicy,
    retries: number,
    failure: FlexEngageError,
  ): number | undefined {
    // An attempt timeout is transient; running out of deadline never reaches this point.
    const transient =
      failure instanceof ConnectionError ||
      failure instanceof TimeoutError ||
      (failure instanceof APIError && (failure.status === 429 || failure.status >= 500))
    const verdict = policy.shouldRetry?.({ operation: spec.operation, attempt: retries + 1, error: failure })
    const retry = verdict ?? (spec.retryable && transient)
    if (!retry || retries >= policy.maxRetries) return undefined
    if (failure instanceof APIError && failure.retryAfterMs !== undefined) {
      return failure.retryAfterMs <= policy.maxRetryAfterMs ? failure.retryAfterMs : undefined
    }
    return backoffDelayMs(retries, policy)
  }

  private async attempt(
    spec: CallSpec<unknown>,
    token: string,
    timeoutMs: number,
    options: RequestOptions,
  ): Promise<AttemptResult> {
    const controller = new AbortController()
    const onCallerAbort = () => controller.abort(options.signal?.reason)
    options.signal?.addEventListener('abort', onCallerAbort, { once: true })
    const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs)
    let sent: { url: string; method: string } | undefined
    let received: Response | undefined
    const fetchApi = async (url: string, init: RequestInit) => {
      const headers = new Headers(init.headers)
      for (const [name, value] of Object.entries({ ...this.config.headers, ...options.headers }))
        headers.set(name, value)
      headers.set('Authorization', `Bearer ${token}`)
      sent = { url, method: init.method ?? 'GET' }
      // Looked up per attempt, so a fetch replaced after construction (e.g. by MSW) is used.
      received = await (this.config.fetch ?? globalThis.fetch)(url, {
        ...init,
        headers,
        signal: controller.signal,
      })
      return received
    }
    try {
      try {
        await spec.call(new WebhooksApi(new Configuration({ basePath: this.config.baseUrl, fetchApi })))
      } catch (error) {
        // The generated client throws the Response itself for a non-2xx status.
        if (!(error instanceof Response)) throw error
      }
      if (!received || !sent) throw new ConnectionError(`${spec.operation} produced no response`)
      // Read the body while the attempt's timeout still applies.
      const rawBody = await received.text()
      return {
        status: received.status,
        headers: received.headers,
        rawBody,
        method: sent.method,
        url: sent.url,
      }
    } catch (error) {
      if (controller.signal.aborted) {
        if (controller.signal.reason === TIMED_OUT) {
          throw new TimeoutError(
            `${sent?.method ?? ''} ${sent?.url ?? spec.operation} timed out after ${timeoutMs} ms`.trim(),
          )
        }
        throw new AbortError(`${spec.operation} was aborted`, { cause: options.signal?.reason })
      }
      if (error instanceof FlexEngageError) throw error
      const where = sent ? `${sent.method} ${sent.url}` : spec.operation
      throw new ConnectionError(
        `${where} failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      )
    } finally {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onCallerAbort)
    }
  }

  private read<T>(
    spec: CallSpec<T>,
    { status, headers, rawBody, method, url }: AttemptResult,
  ): WithResponse<T> {
    const info = { status, headers, url }
    if (status < 200 || status >= 300) {
      const body = parseJson(rawBody)
      const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
      throw apiErrorFor({
        status,
        method,
        url,
        headers,
        rawBody,
        message: typeof fields.message === 'string' ? fields.message : undefined,
        description: typeof fields.description === 'string' ? fields.description : undefined,
        validations: isStringMap(fields.validations) ? fields.validations : undefined,
        retryAfterMs: retryAfterMs(headers),
      })
    }
    let json: unknown
    if (rawBody !== '') {
      json = parseJson(rawBody)
      if (json === NOT_JSON) {
        throw new ResponseFormatError(
          `${method} ${url} answered ${status} with a body that is not JSON`,
          status,
          rawBody,
        )
      }
    }
    try {
      return { data: spec.parse(json, status), response: info }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new ResponseFormatError(
        `${method} ${url} answered ${status} with an unexpected body: ${reason}`,
        status,
        rawBody,
      )
    }
  }
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
