export { apiError, bearerToken, jsonAnswer, unprocessable } from './api-errors.js'
export type { RetryContext } from './behaviour.js'
export { DEFAULT_PAGE_SIZE } from './behaviour.js'
export { SEEDED_EPOCH } from './deterministic.js'
export { MockContractError } from './errors.js'
export { checkEventData, defaultEventData, InvalidEventDataError } from './event-data.js'
export {
  type AttemptOutcome,
  afterInterruption,
  attemptSettled,
  attemptStarted,
  newEvent,
} from './event-lifecycle.js'
export { createMockFetch, type MockFetch } from './fetch-adapter.js'
export { examples } from './generated/examples.js'
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_PAGE_SIZE,
  isJsonContentType,
  jsonDepth,
  MAX_JSON_DEPTH,
} from './input-limits.js'
export {
  CONNECTION_DROPPED,
  createFlexEngageMock,
  type FlexEngageMock,
  type FlexEngageMockOptions,
  type MatchedOperation,
  type MockAnswer,
  type MockRequest,
  type SeedEventInput,
  type SeedWebhookInput,
  toResponse,
} from './mock.js'
export type { RequestBodyOf, ResponseBodyFor, ResponseBodyOf, StatusOf } from './operation-types.js'
export { type MockOperation, mockOperations, type OperationId, routeOrder } from './routes.js'
export type { GatewayStatus, ScenarioStep } from './scenarios.js'
export { type EventRecord, type MockSnapshot, MockStore, type StoreChange } from './store.js'
