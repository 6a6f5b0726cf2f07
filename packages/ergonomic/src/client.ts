import { type OperationId, type SuccessBodyOf, serverUrls } from '@flexengage/webhooks-types'
import { type APIPromise, apiPromise } from './api-promise.js'
import { OperationCaller } from './caller.js'
import { InvalidArgumentError } from './errors.js'
import {
  createLog,
  isLogLevel,
  LOG_LEVELS,
  type Logger,
  type LogLevel,
  logLevelFromEnvironment,
} from './logging.js'
import type { AnyOperationParams, OperationParams } from './operation-request.js'
import type { RequestOptions } from './request.js'
import { DEFAULT_RETRY_POLICY, type RetryContext, type RetryPolicy } from './retry.js'
import { BearerToken, type TokenProvider } from './token.js'
import { Transport } from './transport.js'
import { optionalNonNegativeInteger, optionalPositiveInteger, requireBrandId } from './validate.js'
import { Webhooks } from './webhooks.js'

/** The API's base URL per environment: the spec's `servers`. */
export const ENVIRONMENTS = serverUrls

export type Environment = keyof typeof ENVIRONMENTS

export interface ClientOptions {
  brandId: string
  /** A token, or a function asked for one (again once after a 401, for short-lived tokens). */
  token: string | TokenProvider
  /** Default `'test'`; ignored when `baseUrl` is given (e.g. the local sandbox). */
  environment?: Environment
  baseUrl?: string
  /** Default: the global `fetch`, looked up at every request (so MSW and other patches apply). */
  fetch?: typeof fetch
  /** Per attempt; default 30 000. */
  timeoutMs?: number
  /** For the whole call, retries included; default none. */
  deadlineMs?: number
  /** Default 2. */
  maxRetries?: number
  retry?: Partial<Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs'>>
  onRetry?: (context: RetryContext) => void
  shouldRetry?: RetryPolicy['shouldRetry']
  /** Sent with every request. */
  headers?: Record<string, string>
  /** Where log lines go (default `console`). Lines never contain a token or a request body. */
  logger?: Logger
  /** Default: the `FLEXENGAGE_LOG` environment variable, else `'warn'` (retries only). */
  logLevel?: LogLevel
}

function resolveBaseUrl(options: ClientOptions): string {
  if (options.baseUrl !== undefined) {
    if (!URL.canParse(options.baseUrl) || !/^https?:$/.test(new URL(options.baseUrl).protocol)) {
      throw new InvalidArgumentError('baseUrl', 'must be an absolute http(s) URL')
    }
    return new URL(options.baseUrl).href.replace(/\/+$/, '')
  }
  const environment = options.environment ?? 'test'
  if (!Object.hasOwn(ENVIRONMENTS, environment)) {
    throw new InvalidArgumentError(
      'environment',
      `must be 'test' or 'production' (or pass baseUrl), got ${String(environment)}`,
    )
  }
  return ENVIRONMENTS[environment]
}

function resolveLogLevel(options: ClientOptions): LogLevel {
  const level = options.logLevel ?? logLevelFromEnvironment() ?? 'warn'
  if (!isLogLevel(level)) {
    const source = options.logLevel === undefined ? 'FLEXENGAGE_LOG' : 'logLevel'
    throw new InvalidArgumentError(source, `must be one of ${LOG_LEVELS.join(', ')}, got ${String(level)}`)
  }
  return level
}

/** The flexEngage Webhooks API for one brand. */
export class FlexEngageWebhooks {
  readonly brandId: string
  readonly baseUrl: string
  readonly webhooks: Webhooks
  readonly #caller: OperationCaller

  constructor(options: ClientOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError('options', 'must be an object with brandId and token')
    }
    this.brandId = requireBrandId(options.brandId)
    this.baseUrl = resolveBaseUrl(options)
    const retry: RetryPolicy = {
      ...DEFAULT_RETRY_POLICY,
      ...options.retry,
      maxRetries:
        optionalNonNegativeInteger('maxRetries', options.maxRetries) ?? DEFAULT_RETRY_POLICY.maxRetries,
      onRetry: options.onRetry,
      shouldRetry: options.shouldRetry,
    }
    const transport = new Transport(
      {
        baseUrl: this.baseUrl,
        fetch: options.fetch,
        timeoutMs: optionalPositiveInteger('timeoutMs', options.timeoutMs) ?? 30_000,
        deadlineMs: optionalPositiveInteger('deadlineMs', options.deadlineMs),
        headers: { ...options.headers },
        retry,
        log: createLog(options.logger ?? console, resolveLogLevel(options)),
      },
      new BearerToken(options.token),
    )
    this.#caller = new OperationCaller(transport, this.brandId)
    this.webhooks = new Webhooks(this.#caller)
  }

  /**
   * Any operation of the spec, by its operationId, through the same pipeline as the named methods
   * (token, retries, timeouts, typed errors, `withResponse()`): e.g.
   * `fe.request('getWebhook', { path: { id } })`. `brandId` defaults to the client's.
   */
  request<Op extends OperationId>(
    operationId: Op,
    params: OperationParams<Op>,
    options?: RequestOptions,
  ): APIPromise<SuccessBodyOf<Op>> {
    return apiPromise(() =>
      this.#caller.callOrThrow<SuccessBodyOf<Op>>(operationId, params as AnyOperationParams, options),
    )
  }
}
