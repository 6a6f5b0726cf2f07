import { InvalidArgumentError } from './errors.js'
import { DEFAULT_RETRY_POLICY, type RetryContext, type RetryPolicy } from './retry.js'
import { type TokenProvider, TokenSource } from './token.js'
import { Transport } from './transport.js'
import { optionalNonNegativeInteger, optionalPositiveInteger, requireBrandId } from './validate.js'
import { Webhooks } from './webhooks.js'

export const ENVIRONMENTS = {
  test: 'https://api.flexengage-test.com',
  production: 'https://api.flexengage.com',
} as const

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
}

function resolveBaseUrl(options: ClientOptions): string {
  if (options.baseUrl !== undefined) {
    let url: URL
    try {
      url = new URL(options.baseUrl)
    } catch {
      throw new InvalidArgumentError('baseUrl', 'must be an absolute http(s) URL')
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InvalidArgumentError('baseUrl', 'must be an absolute http(s) URL')
    }
    return url.href.replace(/\/+$/, '')
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

/** The flexEngage Webhooks API for one brand. */
export class FlexEngageWebhooks {
  readonly brandId: string
  readonly baseUrl: string
  readonly webhooks: Webhooks

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
      },
      new TokenSource(options.token),
    )
    this.webhooks = new Webhooks(transport, this.brandId)
  }
}
