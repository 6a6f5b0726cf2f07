// The answer to a valid request: a scripted step (a test's `use`, or Prism's `Prefer` header), the
// operation's stateful behaviour, or the spec's documented example; checked against the spec before
// it leaves. A behaviour runs in a store transaction: an answer that breaks the spec is refused and
// leaves nothing behind, so a refused request applies nothing.
import { describeViolations, sleep } from '@flexengage/webhooks-types'
import { apiError, jsonAnswer, type MockAnswer } from './api-errors.js'
import { type BehaviourOptions, behaviours, type MockReply } from './behaviour.js'
import type { IdsAndClock } from './deterministic.js'
import { MockContractError } from './errors.js'
import { examples } from './generated/examples.js'
import type { MockRequest, RequestInput } from './request-input.js'
import { mockOperations, type OperationId } from './routes.js'
import { GATEWAY_STATUSES, type NormalizedStep, type ScenarioBook, stepFromPrefer } from './scenarios.js'
import type { MockStore } from './store.js'

/**
 * Returned by `handle()` when a scenario drops the connection; each adapter turns it into a network
 * error. A registered symbol, so it is the same in the ESM and CJS builds of every entry point.
 */
export const CONNECTION_DROPPED: unique symbol = Symbol.for('flexengage-mock.connection-dropped')

export interface Responder {
  store: MockStore
  scenarios: ScenarioBook
  ids: IdsAndClock
  behaviourOptions: BehaviourOptions
  /** Responses that broke the spec; each was also thrown as MockContractError. */
  violations: MockContractError[]
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

/** The operation's first declared success status with that status's first example, or 501. */
function documentedSuccess(operationId: OperationId): MockReply {
  const [status] = Object.keys(mockOperations()[operationId].responses)
    .map(Number)
    .filter((s) => s >= 200 && s < 300)
    .sort((a, b) => a - b)
  if (status !== undefined) return { status, body: exampleBody(operationId, status) }
  const description = `${operationId} declares no success status to answer with`
  return { status: 501, rejectsRequest: true, body: apiError(501, 'NOT IMPLEMENTED', description) }
}

/** A step asking for a status the operation does not declare (nor a gateway's) is refused up front. */
function undeclaredStatus(operationId: OperationId, step: NormalizedStep): MockReply | undefined {
  const { status } = step
  if (status === undefined || step.hasBody || GATEWAY_STATUSES.has(status)) return undefined
  if (mockOperations()[operationId].responses[status]) return undefined
  const declared = Object.keys(mockOperations()[operationId].responses).join(', ')
  const description = `${operationId} declares no status ${status} (it declares ${declared}); nothing was done`
  return { status: 422, rejectsRequest: true, body: apiError(422, 'UNPROCESSABLE ENTITY', description) }
}

/** The answer a scripted step asks for, given what the stateful behaviour would answer. */
function replyForStep(operationId: OperationId, step: NormalizedStep, natural: () => MockReply): MockReply {
  if (step.example !== undefined) {
    const description = `${operationId} has no example named "${step.example}"`
    return (
      findExample(operationId, step.example) ?? {
        status: 422,
        body: apiError(422, 'UNPROCESSABLE ENTITY', description),
      }
    )
  }
  const { status } = step
  if (status === undefined) return natural()
  if (step.hasBody) return { status, body: step.body }
  if (status >= 300) {
    if (GATEWAY_STATUSES.has(status))
      return { status, body: apiError(status, 'Service Unavailable', 'Upstream unavailable') }
    return { status, body: exampleBody(operationId, status) }
  }
  const reply = natural()
  if (reply.status === status) return reply
  if (!mockOperations()[operationId].responses[status]?.hasBody) return { status }
  const example = exampleBody(operationId, status)
  return example === undefined ? { ...reply, status } : { status, body: example }
}

/** Throws MockContractError when a reply breaks the spec (status, body or headers). */
function checkReply(operationId: OperationId, reply: MockReply, violations: MockContractError[]): void {
  const declared = mockOperations()[operationId].responses[reply.status]
  let problems: string[] = []
  if (!declared) {
    if (!GATEWAY_STATUSES.has(reply.status) && !reply.rejectsRequest)
      problems = [`status ${reply.status} is not declared`]
  } else if (!declared.hasBody && reply.body !== undefined) {
    problems = ['a body was sent for a status the spec declares without content']
  } else if (declared.hasBody && reply.body === undefined) {
    problems = ['/body is required']
  } else {
    const headers = Object.fromEntries(
      Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    )
    const candidate = { headers, ...(reply.body === undefined ? {} : { body: reply.body }) }
    if (!declared.validate(candidate)) problems = describeViolations(declared.validate.errors ?? [])
  }
  if (problems.length === 0) return
  const error = new MockContractError(operationId, reply.status, problems)
  violations.push(error)
  throw error
}

/** Answers a valid request; a reply that breaks the spec throws MockContractError, its changes undone. */
export async function respond(
  responder: Responder,
  route: { operationId: OperationId; params: Record<string, string>; request: MockRequest; url: URL },
  { query, body }: RequestInput,
): Promise<MockAnswer | typeof CONNECTION_DROPPED> {
  const { operationId, params, request, url } = route
  const preferred = stepFromPrefer(request.headers.get('prefer'))
  const step = preferred ?? responder.scenarios.take(operationId)
  if (step?.delayMs) await sleep(step.delayMs, request.signal)
  if (step?.drop) return CONNECTION_DROPPED
  if (step?.rawBody !== undefined) {
    return {
      status: step.status ?? 200,
      headers: { 'content-type': 'application/json', ...step.headers },
      body: step.rawBody,
    }
  }
  // A client asking (Prefer) for a status the operation cannot answer is refused before anything is
  // done; a test's own script asking for one fails loudly below (MockContractError), also undone.
  const refused = preferred && undeclaredStatus(operationId, preferred)
  if (refused) return jsonAnswer(refused.status, refused.body)
  const behaviour = behaviours[operationId]
  const operationRequest = { brandId: params.brandId as string, params, query, body, origin: url.origin }
  const { store, ids, behaviourOptions } = responder
  const natural = () =>
    behaviour ? behaviour(operationRequest, store, ids, behaviourOptions) : documentedSuccess(operationId)
  const reply = store.transaction(() => {
    const chosen = step ? replyForStep(operationId, step, natural) : natural()
    if (step?.headers) chosen.headers = { ...chosen.headers, ...step.headers }
    checkReply(operationId, chosen, responder.violations)
    return chosen
  })
  return jsonAnswer(reply.status, reply.body, reply.headers)
}
