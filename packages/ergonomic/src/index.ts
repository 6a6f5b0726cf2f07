export { isValidEventType, matchesEventType, sameEventTypes } from '@flexengage/webhooks-types'
export { APIPromise } from './api-promise.js'
export { type ClientOptions, ENVIRONMENTS, type Environment, FlexEngageWebhooks } from './client.js'
export { ESCAPE_HATCH_ONLY, NAMED_METHODS } from './coverage.js'
export {
  AbortError,
  APIError,
  type APIErrorDetails,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  FlexEngageError,
  InternalServerError,
  InvalidArgumentError,
  isTransient,
  mayHaveActed,
  NotFoundError,
  OutcomeUnknownError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  ResponseFormatError,
  TimeoutError,
  ValidationError,
} from './errors.js'
export type {
  EventListOptions,
  RetryFailedOptions,
  RetryFailedProgress,
  RetryFailedResult,
  WebhookEvent,
  WebhookEventDetail,
  WebhookEvents,
} from './events.js'
export { isFailedEvent } from './events.js'
export type { Logger, LogLevel } from './logging.js'
export {
  type AnyOperationParams,
  checkRequest,
  type OperationParams,
  type PathArgument,
} from './operation-request.js'
export type { EventList, EventPage } from './pagination.js'
export type { RequestOptions, ResponseInfo, WithResponse } from './request.js'
export type { RetryContext, RetryPolicy } from './retry.js'
export type { TokenProvider } from './token.js'
export type { CreateWebhookInput, EnsureResult, Webhook, Webhooks } from './webhooks.js'
