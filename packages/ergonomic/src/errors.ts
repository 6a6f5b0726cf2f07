// Every failure a caller can meet, as a class. No error ever holds the bearer token: requests are
// not kept, only the method, the URL (which never carries the token) and the response.

export class FlexEngageError extends Error {
  override name = 'FlexEngageError'

  /** Safe, structured view for loggers: never contains a credential. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message }
  }
}

export interface APIErrorDetails {
  status: number
  method: string
  url: string
  headers: Headers
  rawBody: string
  message?: string | undefined
  description?: string | undefined
  validations?: Record<string, string> | undefined
  retryAfterMs?: number | undefined
}

/** The API answered with a non-2xx status. */
export class APIError extends FlexEngageError {
  override name = 'APIError'
  readonly status: number
  readonly method: string
  readonly url: string
  /** The response headers (the request's, with the token, are never kept). */
  readonly headers: Headers
  readonly rawBody: string
  /** The API's own `message`, e.g. `CONFLICT`. */
  readonly apiMessage: string | undefined
  readonly description: string | undefined
  readonly validations: Record<string, string> | undefined
  /** From `retry-after-ms` or `Retry-After` (seconds or HTTP date), when the server sent one. */
  readonly retryAfterMs: number | undefined

  constructor(details: APIErrorDetails, hint = '') {
    const summary = [details.message, details.description].filter(Boolean).join(': ')
    super(`${details.method} ${details.url} answered ${details.status}${summary ? ` ${summary}` : ''}${hint}`)
    this.status = details.status
    this.method = details.method
    this.url = details.url
    this.headers = details.headers
    this.rawBody = details.rawBody
    this.apiMessage = details.message
    this.description = details.description
    this.validations = details.validations
    this.retryAfterMs = details.retryAfterMs
  }

  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      url: this.url,
      description: this.description,
      validations: this.validations,
      retryAfterMs: this.retryAfterMs,
    }
  }
}

export class AuthenticationError extends APIError {
  override name = 'AuthenticationError'
}
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError'
}
export class NotFoundError extends APIError {
  override name = 'NotFoundError'
}
export class ConflictError extends APIError {
  override name = 'ConflictError'
}
export class ValidationError extends APIError {
  override name = 'ValidationError'
  declare readonly validations: Record<string, string> | undefined
}
export class RateLimitError extends APIError {
  override name = 'RateLimitError'
}
export class InternalServerError extends APIError {
  override name = 'InternalServerError'
}

const HINTS: Record<number, string> = {
  401: ' (check the token, or the token provider)',
  403: ' (the token may not act for this brandId)',
  429: ' (rate limited: back off and retry later)',
}

export function apiErrorFor(details: APIErrorDetails): APIError {
  const hint = HINTS[details.status] ?? ''
  switch (details.status) {
    case 401:
      return new AuthenticationError(details, hint)
    case 403:
      return new PermissionDeniedError(details, hint)
    case 404:
      return new NotFoundError(details, hint)
    case 409:
      return new ConflictError(details, hint)
    case 422:
      return new ValidationError(details, hint)
    case 429:
      return new RateLimitError(details, hint)
    default:
      return details.status >= 500 ? new InternalServerError(details, hint) : new APIError(details, hint)
  }
}

/** The request never got an HTTP answer (refused, reset, DNS, TLS). */
export class ConnectionError extends FlexEngageError {
  override name = 'ConnectionError'
}

/** One attempt took longer than `timeoutMs`, or the whole call longer than `deadlineMs`. */
export class TimeoutError extends FlexEngageError {
  override name = 'TimeoutError'
}

/** The caller's AbortSignal fired. */
export class AbortError extends FlexEngageError {
  override name = 'AbortError'
}

/** Input refused before any request was sent. */
export class InvalidArgumentError extends FlexEngageError {
  override name = 'InvalidArgumentError'

  constructor(
    readonly argument: string,
    problem: string,
  ) {
    super(`${argument} ${problem}`)
  }

  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, argument: this.argument }
  }
}

/** A 2xx answer whose body is not JSON; `rawBody` keeps what came, `headers` e.g. its `Location`. */
export class ResponseFormatError extends FlexEngageError {
  override name = 'ResponseFormatError'

  constructor(
    message: string,
    readonly status: number,
    readonly rawBody: string,
    readonly headers: Headers = new Headers(),
  ) {
    super(message)
  }
}

/** The events cursor stopped advancing: pagination ends with this instead of looping. */
export class PaginationError extends FlexEngageError {
  override name = 'PaginationError'
}

/**
 * A failure worth sending again: the request never got an answer, the answer was unreadable, the API
 * asked to slow down (429), or the server failed (5xx). The retry loop decides by this.
 */
export function isTransient(error: unknown): boolean {
  return mayHaveActed(error) || (error instanceof APIError && error.status === 429)
}

/**
 * After this failure the server may still have done what was asked: the answer was lost or unreadable,
 * or the server failed midway (5xx). A 4xx, 429 included, proves it did not act.
 */
export function mayHaveActed(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    error instanceof ResponseFormatError ||
    (error instanceof APIError && error.status >= 500)
  )
}

/**
 * A call whose answer was lost, and whose check of what the server did failed too: the change may or
 * may not have happened (e.g. the webhook may exist). `attemptError` is why the call failed, `cause`
 * why the check failed. Look again later, or make the call again (creates are safe to repeat: a
 * duplicate is refused with 409, which `create` resolves to the webhook made earlier).
 */
export class OutcomeUnknownError extends FlexEngageError {
  override name = 'OutcomeUnknownError'
  readonly mayHaveActed = true as const

  constructor(
    readonly operation: string,
    readonly attemptError: FlexEngageError,
    options: { cause: unknown },
  ) {
    super(
      `${operation}: the answer was lost (${attemptError.message}) and checking what the server did failed too; the change may or may not have happened`,
      options,
    )
  }

  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, operation: this.operation, mayHaveActed: true }
  }
}
