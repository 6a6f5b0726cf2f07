// Turns `(operationId, { path, query, body })` into a checked request. Names, locations and statuses
// come from the generated operation table; the check is the generated request validator, the very
// code the mock validates what it receives with, so the client and the mock never disagree.
import {
  delivery,
  endpointProblem,
  type FieldProblem,
  fieldProblems,
  type OperationId,
  operationTable,
  type PathParamsOf,
  type QueryOf,
  type RequestBodyOf,
  requestValidators,
  type Validator,
} from '@flexengage/webhooks-types'
import { InvalidArgumentError } from './errors.js'
import type { PreparedRequest } from './request.js'

/** The path parameter every operation takes, filled in from the client's `brandId`. */
export const BRAND_PARAMETER = 'brandId'

interface TableOperation {
  readonly method: string
  readonly path: string
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly in: string }>
  readonly requestBody: { readonly required: boolean } | null
  readonly responses: { readonly [status: string]: { readonly content: boolean } }
}

/** The path parameters of `fe.request`: the spec's, with `brandId` optional (the client's is used). */
export type PathArgument<Op extends OperationId> = Omit<PathParamsOf<Op>, 'brandId'> & { brandId?: string }

/** The parameters of `fe.request(operationId, params)`: spec names; `brandId` defaults to the client's. */
export type OperationParams<Op extends OperationId> = (keyof Omit<PathParamsOf<Op>, 'brandId'> extends never
  ? { path?: PathArgument<Op> }
  : { path: PathArgument<Op> }) &
  ([QueryOf<Op>] extends [never]
    ? { query?: undefined }
    : Record<string, never> extends QueryOf<Op>
      ? { query?: QueryOf<Op> }
      : { query: QueryOf<Op> }) &
  ([RequestBodyOf<Op>] extends [never] ? { body?: undefined } : { body: RequestBodyOf<Op> })

/** Loose form used inside the client, once the types have done their work. */
export interface AnyOperationParams {
  path?: Record<string, unknown>
  query?: Record<string, unknown>
  body?: unknown
}

export interface PrepareContext {
  brandId: string
  /** What the caller calls a spec parameter in error messages, e.g. `{ id: 'webhookId' }`. */
  argumentNames?: Record<string, string>
  /** Overrides the idempotence the HTTP method implies (e.g. a create that resolves its own 409). */
  idempotent?: boolean
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])

export function tableOperation(operationId: string): TableOperation {
  if (!Object.hasOwn(operationTable, operationId)) {
    throw new InvalidArgumentError(
      'operationId',
      `must be an operationId of the spec (${Object.keys(operationTable).join(', ')}), got ${JSON.stringify(operationId)}`,
    )
  }
  return (operationTable as unknown as Record<string, TableOperation>)[operationId] as TableOperation
}

/** What the caller calls the field a problem is about: its own argument names where it has them. */
function argumentOf({ location, field }: FieldProblem, names: Record<string, string> = {}): string {
  if (location === 'path' || location === 'query') return names[field] ?? `${location}.${field}`
  if (location === 'body') return names.body ? `${names.body}.${field}` : field
  return names[field] ?? field
}

/** Dates become the spec's date-time strings; an invalid Date stays visibly invalid. */
function queryValue(value: unknown): unknown {
  if (!(value instanceof Date)) return value
  return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
}

/** A copy of the body to validate and send: the validator fills in defaults, never in the caller's object. */
function copyOf(body: unknown, names: Record<string, string> = {}): unknown {
  try {
    return body === undefined ? undefined : structuredClone(body)
  } catch {
    throw new InvalidArgumentError(
      names.body ?? 'body',
      'must be JSON data (plain objects, arrays, strings, numbers, booleans)',
    )
  }
}

/** The request as the validator sees it: `{ path, query, body }`, the client's brandId filled in. */
function requestOf(operation: TableOperation, params: AnyOperationParams, context: PrepareContext) {
  const takesBrand = operation.parameters.some((p) => p.in === 'path' && p.name === BRAND_PARAMETER)
  const path = { ...(takesBrand ? { [BRAND_PARAMETER]: context.brandId } : {}), ...params.path }
  const query = Object.fromEntries(
    Object.entries(params.query ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, queryValue(value)]),
  )
  const body = copyOf(params.body, context.argumentNames)
  return { path, query, ...(body === undefined ? {} : { body }) } as {
    path: Record<string, unknown>
    query: Record<string, string | number | boolean>
    body?: unknown
  }
}

/** The first problem the spec's validator (and the prose rules) find, as InvalidArgumentError. */
function check(operationId: string, request: ReturnType<typeof requestOf>, context: PrepareContext): void {
  const validate = (requestValidators as Record<string, Validator>)[operationId] as Validator
  const [problem] = validate(request) ? [] : fieldProblems(validate.errors ?? [])
  if (problem) throw new InvalidArgumentError(argumentOf(problem, context.argumentNames), problem.problem)
  const { operationId: subscribing, urlField } = delivery.subscription
  const url = (request.body as Record<string, unknown> | undefined)?.[urlField]
  const endpoint =
    operationId === subscribing && typeof url === 'string'
      ? endpointProblem(url, { allowHttpLoopback: true })
      : undefined
  if (endpoint) throw new InvalidArgumentError(urlField, endpoint)
}

export function prepareRequest(
  operationId: string,
  params: AnyOperationParams,
  context: PrepareContext,
): PreparedRequest {
  const operation = tableOperation(operationId)
  if (typeof params !== 'object' || params === null) {
    throw new InvalidArgumentError('params', 'must be an object such as { path, query, body }')
  }
  const request = requestOf(operation, params, context)
  check(operationId, request, context)
  let path = operation.path
  for (const { name } of operation.parameters.filter((p) => p.in === 'path')) {
    path = path.replace(`{${name}}`, encodeURIComponent(String(request.path[name])))
  }
  return {
    operationId,
    method: operation.method,
    path,
    query: request.query,
    body: request.body,
    idempotent: context.idempotent ?? IDEMPOTENT_METHODS.has(operation.method),
    hasContent: (status) => operation.responses[String(status)]?.content ?? hasAnySuccessContent(operation),
  }
}

/**
 * Checks a request against the spec (its generated request validator and the reference's prose
 * rules) without sending it; throws InvalidArgumentError naming the argument. `brandId` may be left out.
 */
export function checkRequest(operationId: string, params: AnyOperationParams): void {
  prepareRequest(operationId, params, { brandId: 'brand' })
}

/** An undeclared 2xx is read as JSON only if the operation answers JSON on some success status. */
function hasAnySuccessContent(operation: TableOperation): boolean {
  return Object.entries(operation.responses).some(
    ([status, response]) => status.startsWith('2') && response.content,
  )
}
