// The core every adapter shares: Request in, Response (or a dropped connection) out.
import {
  DELIVERY_HEADERS,
  sleep,
  type Webhook,
  type WebhookEventAttempt,
  type WebhookRequest,
} from '@flexengage/webhooks-types'
import {
  type BehaviourOptions,
  behaviours,
  type MockReply,
  type RetryContext,
  unprocessable,
} from './behaviour.js'
import { createIdsAndClock } from './deterministic.js'
import { MockContractError } from './errors.js'
import { checkEventData, defaultEventData } from './event-data.js'
import { examples } from './generated/examples.js'
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_PAGE_SIZE,
  isJsonContentType,
  jsonDepth,
  MAX_JSON_DEPTH,
  readWebBody,
} from './input-limits.js'
import { matchRoute } from './router.js'
import { mockOperations, type OperationId } from './routes.js'
import {
  GATEWAY_STATUSES,
  type NormalizedStep,
  normalizeStep,
  ScenarioBook,
  type ScenarioStep,
  stepFromPrefer,
} from './scenarios.js'
import { type EventRecord, type MockSnapshot, MockStore } from './store.js'
import { describeViolations, toValidations } from './validation-messages.js'

/**
 * Returned by `handle()` when a scenario drops the connection; each adapter turns it into a network
 * error. A registered symbol, so it is the same in the ESM and CJS builds of every entry point.
 */
export const CONNECTION_DROPPED: unique symbol = Symbol.for('flexengage-mock.connection-dropped')

/** What the core reads of a request: a WHATWG `Request` fits, and so does a light node:http view. */
export interface MockRequest {
  readonly method: string
  readonly url: string
  readonly headers: { get(name: string): string | null }
  readonly signal: AbortSignal
  /** A WHATWG body stream (fetch and MSW adapters). */
  readonly body?: ReadableStream<Uint8Array> | null
  /** Reads the body as text, or undefined once it passes `limit` bytes (light node:http view). */
  readText?(limit: number): Promise<string | undefined>
}

/** What the core answers; each adapter turns it into its own response type. */
export interface MockAnswer {
  status: number
  headers: Record<string, string>
  body: string | null
}

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
}

/** The spec's create request (every field it declares), plus the server-owned id and time if wanted. */
export type SeedWebhookInput = WebhookRequest & { id?: string; created?: string }

export interface SeedEventInput {
  type: string
  status?: string
  id?: string
  created?: string
  /**
   * Checked against the type's payload schema when the spec lists the type (InvalidEventDataError).
   * Default: the spec's example data for a listed type, `{}` for another.
   */
  data?: unknown
  /** Seed data that breaks the payload schema anyway, to test how a receiver copes. */
  allowInvalidData?: boolean
  attempts?: Array<Partial<WebhookEventAttempt> & { status: string }>
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

const json = (status: number, body: unknown, headers: Record<string, string> = {}): MockAnswer =>
  body === undefined
    ? { status, headers, body: null }
    : { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }

const apiError = (status: number, message: string, description: string) => ({ message, description, status })

function queryOf(url: URL, declared: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const query: Record<string, unknown> = {}
  for (const [name, type] of Object.entries(declared)) {
    const value = url.searchParams.get(name)
    if (value === null) continue
    query[name] = type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value
  }
  return query
}

function exampleBody(operationId: OperationId, status: number): unknown {
  const named = examples[operationId]?.[status]
  return named ? Object.values(named)[0] : undefined
}

function findExample(operationId: OperationId, name: string): MockReply | undefined {
  for (const [status, named] of Object.entries(examples[operationId] ?? {})) {
    if (name in named) return { status: Number(status), body: named[name] }
  }
  return undefined
}

/**
 * An operation without a stateful behaviour answers as the spec documents it: its first declared
 * success status, with that status's first example (validated like every answer).
 */
function documentedSuccess(operationId: OperationId): MockReply {
  const [status] = Object.keys(mockOperations()[operationId].responses)
    .map(Number)
    .filter((s) => s >= 200 && s < 300)
    .sort((a, b) => a - b)
  if (status === undefined) {
    return {
      status: 501,
      rejectsRequest: true,
      body: apiError(501, 'NOT IMPLEMENTED', `${operationId} declares no success status to answer with`),
    }
  }
  return { status, body: exampleBody(operationId, status) }
}

/** The answer a scripted step asks for, given what the stateful behaviour would answer. */
function replyForStep(operationId: OperationId, step: NormalizedStep, natural: () => MockReply): MockReply {
  if (step.example !== undefined) {
    const found = findExample(operationId, step.example)
    if (found) return found
    return {
      status: 422,
      body: apiError(422, 'UNPROCESSABLE ENTITY', `${operationId} has no example named "${step.example}"`),
    }
  }
  if (step.status === undefined) return natural()
  const status = step.status
  if (step.hasBody) return { status, body: step.body }
  const declared = mockOperations()[operationId].responses[status]
  if (status < 300) {
    const reply = natural()
    if (reply.status === status) return reply
    if (declared && !declared.hasBody) return { status }
    const example = exampleBody(operationId, status)
    return example === undefined ? { ...reply, status } : { status, body: example }
  }
  if (GATEWAY_STATUSES.has(status))
    return { status, body: apiError(status, 'Service Unavailable', 'Upstream unavailable') }
  return { status, body: exampleBody(operationId, status) }
}

export function createFlexEngageMock(options: FlexEngageMockOptions = {}): FlexEngageMock {
  const store = new MockStore()
  const scenarios = new ScenarioBook()
  const ids = createIdsAndClock(options.seed, options.now)
  const violations: MockContractError[] = []
  const behaviourOptions: BehaviourOptions = {
    allowHttpLoopbackEndpoints: options.allowHttpLoopbackEndpoints ?? false,
    startIdInclusive: options.startIdInclusive ?? false,
    onRetry: options.onRetry,
    maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  let requestCount = 0

  function authenticate(request: MockRequest, brandId: string): MockAnswer | undefined {
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim()
    const challenge = { 'WWW-Authenticate': 'Bearer' }
    if (!token) return json(401, undefined, challenge)
    if (!options.tokens) return undefined
    const allowedBrand = options.tokens[token]
    if (allowedBrand === undefined) return json(401, undefined, challenge)
    if (allowedBrand !== '*' && allowedBrand !== brandId) return json(403, undefined)
    return undefined
  }

  function checkResponse(operationId: OperationId, reply: MockReply): void {
    const declared = mockOperations()[operationId].responses[reply.status]
    let problems: string[] = []
    if (!declared) {
      if (!GATEWAY_STATUSES.has(reply.status) && !reply.rejectsRequest)
        problems = [`status ${reply.status} is not declared`]
    } else if (!declared.hasBody && reply.body !== undefined) {
      problems = ['a body was sent for a status the spec declares without content']
    } else {
      const headers = Object.fromEntries(
        Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      )
      const candidate = { headers, ...(reply.body === undefined ? {} : { body: reply.body }) }
      if (declared.hasBody && reply.body === undefined) problems = ['/body is required']
      else if (!declared.validate(candidate)) problems = describeViolations(declared.validate.errors ?? [])
    }
    if (problems.length > 0) {
      const error = new MockContractError(operationId, reply.status, problems)
      violations.push(error)
      throw error
    }
  }

  /** Parse and validate: the body (type, size, depth, JSON), the query, the spec's schemas, real dates. */
  async function readInput(
    operationId: OperationId,
    request: MockRequest,
    url: URL,
    params: Record<string, string>,
  ): Promise<{ query: Record<string, unknown>; body: unknown } | MockAnswer> {
    const operation = mockOperations()[operationId]
    let body: unknown
    if (operation.hasBody) {
      const declared = Number(request.headers.get('content-length'))
      const text =
        declared > maxBodyBytes
          ? undefined
          : request.readText
            ? await request.readText(maxBodyBytes)
            : await readWebBody(request.body ?? null, maxBodyBytes)
      if (text === undefined) {
        return json(413, apiError(413, 'PAYLOAD TOO LARGE', `The request body exceeds ${maxBodyBytes} bytes`))
      }
      if (text !== '' && !isJsonContentType(request.headers.get('content-type'))) {
        return json(
          415,
          apiError(
            415,
            'UNSUPPORTED MEDIA TYPE',
            'The request body must be JSON (Content-Type: application/json)',
          ),
        )
      }
      if (jsonDepth(text) > MAX_JSON_DEPTH) {
        const reply = unprocessable({ body: `must not be nested deeper than ${MAX_JSON_DEPTH} levels` })
        return json(reply.status, reply.body)
      }
      try {
        body = text === '' ? undefined : JSON.parse(text)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        return json(400, apiError(400, 'BAD REQUEST', `The request body is not valid JSON: ${reason}`))
      }
    }
    const query = queryOf(url, operation.queryParams)
    const validations = operation.validateRequest({
      path: params,
      query,
      ...(body === undefined ? {} : { body }),
    })
      ? {}
      : toValidations(operation.validateRequest.errors ?? [])
    if (Object.keys(validations).length > 0) {
      const reply = unprocessable(validations)
      return json(reply.status, reply.body)
    }
    return { query, body }
  }

  /** Behaviour, scripted step or the spec's example; the answer is checked against the spec. */
  async function respond(
    operationId: OperationId,
    request: MockRequest,
    url: URL,
    params: Record<string, string>,
    { query, body }: { query: Record<string, unknown>; body: unknown },
  ): Promise<MockAnswer | typeof CONNECTION_DROPPED> {
    const step = stepFromPrefer(request.headers.get('prefer')) ?? scenarios.take(operationId)
    if (step?.delayMs) await sleep(step.delayMs, request.signal)
    if (step?.drop) return CONNECTION_DROPPED
    if (step?.rawBody !== undefined) {
      return {
        status: step.status ?? 200,
        headers: { 'content-type': 'application/json', ...step.headers },
        body: step.rawBody,
      }
    }
    const behaviour = behaviours[operationId]
    const brandId = params.brandId as string
    const natural = () =>
      behaviour
        ? behaviour({ brandId, params, query, body, origin: url.origin }, store, ids, behaviourOptions)
        : documentedSuccess(operationId)
    const reply = step ? replyForStep(operationId, step, natural) : natural()
    if (step?.headers) reply.headers = { ...reply.headers, ...step.headers }
    checkResponse(operationId, reply)
    return json(reply.status, reply.body, reply.headers)
  }

  /** route -> authenticate -> parse and validate -> behaviour or example -> check the answer. */
  async function handle(
    request: MockRequest,
    matched?: MatchedOperation,
  ): Promise<MockAnswer | typeof CONNECTION_DROPPED> {
    requestCount++
    const url = new URL(request.url)
    const route = matched
      ? ({ kind: 'operation', ...matched } as const)
      : matchRoute(request.method, url.pathname)
    if (route.kind === 'bad-path') return json(400, apiError(400, 'BAD REQUEST', route.reason))
    if (route.kind === 'no-route') {
      return json(
        404,
        apiError(404, 'NOT FOUND', `No flexEngage API route matches ${request.method} ${url.pathname}`),
      )
    }
    if (route.kind === 'method-not-allowed') {
      return json(405, apiError(405, 'METHOD NOT ALLOWED', `${request.method} is not allowed here`), {
        Allow: route.allowed.join(', '),
      })
    }
    const { operationId, params } = route
    const denied = authenticate(request, params.brandId as string)
    if (denied) return denied
    const input = await readInput(operationId, request, url, params)
    if ('status' in input) return input
    return respond(operationId, request, url, params, input)
  }

  return {
    handle,
    use(operationId, steps, useOptions) {
      const normalized = Array.isArray(steps) ? steps.map(normalizeStep) : normalizeStep(steps)
      scenarios.use(operationId, normalized, useOptions?.once ?? false)
    },
    resetScenarios: () => scenarios.reset(),
    reset() {
      store.reset()
      scenarios.reset()
    },
    snapshot: () => store.snapshot(),
    restore: (snapshot) => store.restore(snapshot),
    seedWebhook(brandId, input) {
      const created = input.created ?? ids.now().toISOString()
      const webhook = {
        ...input,
        id: input.id ?? ids.uuid(),
        created,
        updated: created,
        events: [...input.events],
        enabled: input.enabled ?? true,
      } as Webhook
      store.saveWebhook(brandId, webhook)
      return webhook
    },
    seedEvent(brandId, webhookId, input) {
      const webhook = store.findWebhook(brandId, webhookId)
      if (!webhook)
        throw new Error(`seedEvent: brand ${brandId} has no webhook ${webhookId}; seed the webhook first`)
      const data = input.data === undefined ? defaultEventData(input.type) : input.data
      checkEventData(input.type, data, input.allowInvalidData)
      const created = input.created ?? ids.now().toISOString()
      const attempts = (input.attempts ?? []).map((attempt) => ({
        id: ids.uuid(),
        created,
        request: {
          endpoint: webhook.endpoint,
          headers: { ...DELIVERY_HEADERS },
        },
        ...attempt,
      }))
      const event: EventRecord = {
        id: input.id ?? ids.uuid(),
        type: input.type,
        created,
        updated: attempts.at(-1)?.created ?? created,
        status: input.status ?? attempts.at(-1)?.status ?? 'PENDING',
        attempts,
        data,
      }
      store.addEvent(brandId, webhookId, event)
      return event
    },
    store,
    get requestCount() {
      return requestCount
    },
    violations,
  }
}
