// When to retry and how long to wait: exponential backoff with full jitter, Retry-After honoured up to a cap.
import { APIError, isTransient } from './errors.js'

export interface RetryContext {
  operation: string
  /** 1 for the first retry */
  attempt: number
  error: Error
  delayMs: number
}

export interface RetryPolicy {
  maxRetries: number
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this is not waited for: the RateLimitError surfaces with `retryAfterMs`. */
  maxRetryAfterMs: number
  onRetry: ((context: RetryContext) => void) | undefined
  /** Return true or false to override the default decision; undefined keeps it. */
  shouldRetry: ((context: Omit<RetryContext, 'delayMs'>) => boolean | undefined) | undefined
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  onRetry: undefined,
  shouldRetry: undefined,
}

/** Full jitter: uniform in [0, min(cap, base * 2^retryIndex)]. */
export function backoffDelayMs(
  retryIndex: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex)
}

/** `retry-after-ms`, then `Retry-After` as seconds or an HTTP date. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms')?.trim()
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return Number(milliseconds)
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * How long to wait before sending again, or undefined to stop. Sent again only when the failure is
 * transient and sending again is safe (the operation is idempotent, or the server provably did not
 * act), unless the caller's `shouldRetry` says otherwise; at most `maxRetries` times.
 */
export function retryDelay(
  policy: RetryPolicy,
  {
    operation,
    retries,
    failure,
    safeToResend,
  }: { operation: string; retries: number; failure: Error; safeToResend: boolean },
): number | undefined {
  const verdict = policy.shouldRetry?.({ operation, attempt: retries + 1, error: failure })
  if (!(verdict ?? (isTransient(failure) && safeToResend)) || retries >= policy.maxRetries) return undefined
  if (failure instanceof APIError && failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs <= policy.maxRetryAfterMs ? failure.retryAfterMs : undefined
  }
  return backoffDelayMs(retries, policy)
}
