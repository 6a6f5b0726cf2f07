// The one request pipeline: every call, named method or `fe.request`, goes build (operation-request)
// -> send one attempt (token, timeout, signal; attempt.ts) -> read its body once into a typed result
// or error (response.ts) -> retry decision (retry.ts), and returns what happened, what the server may
// have done included, instead of filling out-parameters.
import { sleep } from '@flexengage/webhooks-types'
import { type Attempt, type AttemptConfig, attemptMayHaveActed, sendAttempt } from './attempt.js'
import { AbortError, AuthenticationError, type FlexEngageError, TimeoutError } from './errors.js'
import type { PreparedRequest, RequestOptions } from './request.js'
import { type AttemptResult, readAttempt } from './response.js'
import { type RetryPolicy, retryDelay } from './retry.js'
import type { BearerToken } from './token.js'

export interface TransportConfig extends AttemptConfig {
  timeoutMs: number
  deadlineMs: number | undefined
  retry: RetryPolicy
}

/** What a call did: its result or its error, and whether the server may have acted on it. */
export type CallOutcome<T> = AttemptResult<T> & {
  requestsSent: number
  /** Whether the server may have acted: on an attempt before the last one, or on any attempt. */
  mayHaveActed: { earlier: boolean; any: boolean }
}

/** The state of one call across its attempts. */
class Call<T> {
  requestsSent = 0
  retries = 0
  refreshToken = false
  earlierMayHaveActed = false
  lastMayHaveActed = false
  lastFailure: FlexEngageError | undefined

  constructor(readonly deadline: number) {}

  outcome(result: AttemptResult<T>): CallOutcome<T> {
    return {
      ...result,
      requestsSent: this.requestsSent,
      mayHaveActed: {
        earlier: this.earlierMayHaveActed,
        any: this.earlierMayHaveActed || this.lastMayHaveActed,
      },
    }
  }
}

export class Transport {
  constructor(
    private readonly config: TransportConfig,
    private readonly token: BearerToken,
  ) {}

  async send<T>(request: PreparedRequest, options: RequestOptions = {}): Promise<CallOutcome<T>> {
    const policy =
      options.maxRetries === undefined
        ? this.config.retry
        : { ...this.config.retry, maxRetries: options.maxRetries }
    const deadlineMs = this.config.deadlineMs
    const call = new Call<T>(deadlineMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + deadlineMs)
    const label = `${request.method} ${request.path}`
    for (;;) {
      const stop = this.#stopBeforeAttempt(call, label, options)
      if (stop) return call.outcome({ ok: false, error: stop })
      const result = await this.#attempt(call, request, options)
      if (result.ok || result.error instanceof AbortError) return call.outcome(result)
      // A refreshed token is one more request, but a 401 proves the server did not act.
      if (result.error instanceof AuthenticationError && this.token.refreshable && !call.refreshToken) {
        call.refreshToken = true
        continue
      }
      call.lastFailure = result.error
      const delayMs = retryDelay(policy, {
        operation: request.operationId,
        retries: call.retries,
        failure: result.error,
        safeToResend: request.idempotent || !call.lastMayHaveActed,
      })
      if (delayMs === undefined || Date.now() + delayMs >= call.deadline) return call.outcome(result)
      call.earlierMayHaveActed ||= call.lastMayHaveActed
      call.retries++
      this.config.log.warn?.(
        `retrying ${label} in ${Math.round(delayMs)} ms (retry ${call.retries}): ${result.error.message}`,
      )
      policy.onRetry?.({
        operation: request.operationId,
        attempt: call.retries,
        error: result.error,
        delayMs,
      })
      try {
        await sleep(delayMs, options.signal)
      } catch (reason) {
        return call.outcome({ ok: false, error: new AbortError(`${label} was aborted`, { cause: reason }) })
      }
    }
  }

  /** Why the call must stop before another attempt: the caller aborted, or the deadline passed. */
  #stopBeforeAttempt(
    call: Call<unknown>,
    label: string,
    options: RequestOptions,
  ): FlexEngageError | undefined {
    if (options.signal?.aborted)
      return new AbortError(`${label} was aborted`, { cause: options.signal.reason })
    if (call.deadline - Date.now() > 0) return undefined
    // The last real failure says more than "out of time".
    return (
      call.lastFailure ?? new TimeoutError(`${label} exceeded its deadline of ${this.config.deadlineMs} ms`)
    )
  }

  /** Gets the token, sends one attempt within what is left of the deadline, and reads it. */
  async #attempt<T>(
    call: Call<T>,
    request: PreparedRequest,
    options: RequestOptions,
  ): Promise<AttemptResult<T>> {
    let token: string
    try {
      token = await this.token.get(call.refreshToken)
    } catch (error) {
      return { ok: false, error: error as FlexEngageError }
    }
    call.requestsSent++
    const timeoutMs = Math.min(options.timeoutMs ?? this.config.timeoutMs, call.deadline - Date.now())
    const attempt: Attempt = await sendAttempt(this.config, {
      request,
      token,
      timeoutMs,
      options,
      number: call.requestsSent,
    })
    call.lastMayHaveActed = attemptMayHaveActed(attempt)
    return readAttempt<T>(request, attempt)
  }
}
