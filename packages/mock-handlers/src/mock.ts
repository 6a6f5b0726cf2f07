// The core every adapter shares: Request in, Response (or a dropped connection) out, as a short
// orchestrator over single-purpose stages: route -> authenticate -> read and validate the input
// (request-input.ts) -> behaviour, scripted step or the spec's example, checked (respond.ts).
import type { Webhook } from '@flexengage/webhooks-types'
import { apiError, bearerToken, jsonAnswer, type MockAnswer } from './api-errors.js'
import type { RetryContext } from './behaviour.js'
import { createIdsAndClock } from './deterministic.js'
import type { MockContractError } from './errors.js'
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PAGE_SIZE } from './input-limits.js'
import { type MockRequest, readInput } from './request-input.js'
import { type CONNECTION_DROPPED, type Responder, respond } from './respond.js'
import { matchRoute } from './router.js'
import { mockOperations, type OperationId } from './routes.js'
import { normalizeStep, ScenarioBook, type ScenarioStep } from './scenarios.js'
import { type SeedEventInput, type SeedWebhookInput, seedEvent, seedWebhook } from './seed.js'
import { type EventRecord, type MockSnapshot, MockStore } from './store.js'

export type { MockAnswer } from './api-errors.js'
export type { MockRequest } from './request-input.js'
export { CONNECTION_DROPPED } from './respond.js'
export type { SeedEventInput, SeedWebhookInput } from './seed.js'

export function toResponse(answer: MockAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers })
}

export interface FlexEngageMockOptions {
  /** Same seed, same ids and timestamps (a virtual clock from 2024-01-01T00:00:00Z, +1 s per reading). */
  seed?: number
  now?: () => Date
  /** token -> brandId it may act for (`'*'` for every brand). Without it any non-blank token is accepted. */
  tokens?: Record<string, string>
  allowHttpLoopbackEndpoints?: boolean
  startIdInclusive?: boolean
  onRetry?: (context: RetryContext) => void
  /** Request bodies above this are refused with 413 before the rest is read (default 1 MiB). */
  maxBodyBytes?: number
  /** `size` above this is refused with 422 (default 1000). */
  maxPageSize?: number
  /** The state it works on (default: a new, empty one); the sandbox passes the store it persists. */
  store?: MockStore
}

/** An operation already matched by an adapter's own router (MSW), with its decoded path parameters. */
export interface MatchedOperation {
  operationId: OperationId
  params: Record<string, string>
}

export interface FlexEngageMock {
  /** Answers a request; an adapter that already matched the operation passes it, to skip routing. */
  handle(request: MockRequest, matched?: MatchedOperation): Promise<MockAnswer | typeof CONNECTION_DROPPED>
  /** Script the next answers of an operation (see ScenarioStep). */
  use<Op extends OperationId>(
    operationId: Op,
    steps: ScenarioStep<Op> | ScenarioStep<Op>[],
    options?: { once?: boolean },
  ): void
  resetScenarios(): void
  /** Forget all state and scenarios. */
  reset(): void
  snapshot(): MockSnapshot
  restore(snapshot: MockSnapshot): void
  seedWebhook(brandId: string, input: SeedWebhookInput): Webhook
  seedEvent(brandId: string, webhookId: string, input: SeedEventInput): EventRecord
  readonly store: MockStore
  /** Number of requests handled so far (every adapter), for tests that count requests. */
  readonly requestCount: number
  /** Responses that broke the spec (each was also thrown as MockContractError). */
  readonly violations: readonly MockContractError[]
}

/** 401 without a token (or an unknown one when tokens are configured), 403 for another brand's. */
function authenticate(request: MockRequest, brandId: string, tokens: Record<string, string> | undefined) {
  const token = bearerToken(request.headers.get('authorization'))
  const challenge = { 'WWW-Authenticate': 'Bearer' }
  if (!token) return jsonAnswer(401, undefined, challenge)
  if (!tokens) return undefined
  const allowedBrand = tokens[token]
  if (allowedBrand === undefined) return jsonAnswer(401, undefined, challenge)
  return allowedBrand !== '*' && allowedBrand !== brandId ? jsonAnswer(403, undefined) : undefined
}

/** The operation a request is for, with only the path parameters it declares, or the refusal. */
function route(request: MockRequest, url: URL, matched: MatchedOperation | undefined) {
  const found = matched
    ? ({ kind: 'operation', ...matched } as const)
    : matchRoute(request.method, url.pathname)
  if (found.kind === 'bad-path') return jsonAnswer(400, apiError(400, 'BAD REQUEST', found.reason))
  if (found.kind === 'no-route') {
    return jsonAnswer(
      404,
      apiError(404, 'NOT FOUND', `No flexEngage API route matches ${request.method} ${url.pathname}`),
    )
  }
  if (found.kind === 'method-not-allowed') {
    const refusal = apiError(405, 'METHOD NOT ALLOWED', `${request.method} is not allowed here`)
    return jsonAnswer(405, refusal, { Allow: found.allowed.join(', ') })
  }
  // Only the parameters the operation declares: MSW adds its own (`0` for a leading `*`).
  const names = mockOperations()[found.operationId].pathParams
  return {
    operationId: found.operationId,
    params: Object.fromEntries(names.map((n) => [n, found.params[n] as string])),
  }
}

export function createFlexEngageMock(options: FlexEngageMockOptions = {}): FlexEngageMock {
  const store = options.store ?? new MockStore()
  const ids = createIdsAndClock(options.seed, options.now)
  const responder: Responder = {
    store,
    scenarios: new ScenarioBook(),
    ids,
    violations: [],
    behaviourOptions: {
      allowHttpLoopbackEndpoints: options.allowHttpLoopbackEndpoints ?? false,
      startIdInclusive: options.startIdInclusive ?? false,
      onRetry: options.onRetry,
      maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
    },
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  let requestCount = 0

  async function handle(request: MockRequest, matched?: MatchedOperation) {
    requestCount++
    const url = new URL(request.url)
    const target = route(request, url, matched)
    if ('status' in target) return target
    const { operationId, params } = target
    const denied = authenticate(request, params.brandId as string, options.tokens)
    if (denied) return denied
    const input = await readInput(operationId, request, params, maxBodyBytes)
    if ('refusal' in input) return input.refusal
    return respond(responder, { operationId, params, request, url }, input)
  }

  return {
    handle,
    use(operationId, steps, useOptions) {
      const normalized = Array.isArray(steps) ? steps.map(normalizeStep) : normalizeStep(steps)
      responder.scenarios.use(operationId, normalized, useOptions?.once ?? false)
    },
    resetScenarios: () => responder.scenarios.reset(),
    reset() {
      store.reset()
      responder.scenarios.reset()
    },
    snapshot: () => store.snapshot(),
    restore: (snapshot) => store.restore(snapshot),
    seedWebhook: (brandId, input) => seedWebhook(store, ids, brandId, input),
    seedEvent: (brandId, webhookId, input) => seedEvent(store, ids, brandId, webhookId, input),
    store,
    get requestCount() {
      return requestCount
    },
    violations: responder.violations,
  }
}
