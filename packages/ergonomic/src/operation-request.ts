// Turns `(operationId, { path, query, body })` into a checked request, reading every parameter
// name, location, schema and status from the generated operation table.
import {
  type OperationId,
  operationTable,
  type PathParamsOf,
  type QueryOf,
  type RequestBodyOf,
} from '@flexengage/webhooks-types'
import { InvalidArgumentError } from './errors.js'
import { requireHttpsEndpoint } from './prose-rules.js'
import { describeValue, schemaProblem, type TableSchema } from './schema-check.js'
import type { PreparedRequest } from './transport.js'

/** The path parameter every operation takes, filled in from the client's `brandId`. */
export const BRAND_PARAMETER = 'brandId'

interface TableParameter {
  readonly name: string
  readonly in: string
  readonly required: boolean
  readonly schema: TableSchema
}

interface TableOperation {
  readonly method: string
  readonly path: string
  readonly parameters: readonly TableParameter[]
  readonly requestBody: { readonly required: boolean; readonly schema: TableSchema } | null
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
      `must be an operationId of the spec (${Object.keys(operationTable).join(', ')}), got ${describeValue(operationId)}`,
    )
  }
  return (operationTable as unknown as Record<string, TableOperation>)[operationId] as TableOperation
}

function check(schema: TableSchema, value: unknown, name: string): void {
  const problem = schemaProblem(schema, value, name)
  if (problem) throw new InvalidArgumentError(problem.at, problem.problem)
}

function checkUnknownKeys(given: Record<string, unknown> | undefined, known: string[], where: string): void {
  for (const key of Object.keys(given ?? {})) {
    if (!known.includes(key) && given?.[key] !== undefined) {
      throw new InvalidArgumentError(
        `${where}.${key}`,
        `must not be sent: the operation has no such parameter (${known.join(', ') || 'none'})`,
      )
    }
  }
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
  const nameOf = (parameter: string, where: string) =>
    context.argumentNames?.[parameter] ?? `${where}.${parameter}`
  let path = operation.path
  const query: Record<string, string | number | boolean> = {}
  const byLocation = (location: string) => operation.parameters.filter((p) => p.in === location)
  checkUnknownKeys(
    params.path,
    byLocation('path').map((p) => p.name),
    'path',
  )
  checkUnknownKeys(
    params.query,
    byLocation('query').map((p) => p.name),
    'query',
  )
  for (const parameter of byLocation('path')) {
    const value =
      params.path?.[parameter.name] ?? (parameter.name === BRAND_PARAMETER ? context.brandId : undefined)
    check(parameter.schema, value, nameOf(parameter.name, 'path'))
    path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)))
  }
  for (const parameter of byLocation('query')) {
    let value = params.query?.[parameter.name]
    if (value instanceof Date) value = Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
    if (value === undefined) {
      if (parameter.required) throw new InvalidArgumentError(nameOf(parameter.name, 'query'), 'must be given')
      continue
    }
    check(parameter.schema, value, nameOf(parameter.name, 'query'))
    query[parameter.name] = value as string | number | boolean
  }
  if (operation.requestBody) {
    if (params.body === undefined && operation.requestBody.required) {
      throw new InvalidArgumentError(context.argumentNames?.body ?? 'body', 'must be given')
    }
    if (params.body !== undefined)
      check(operation.requestBody.schema, params.body, context.argumentNames?.body ?? '')
  } else if (params.body !== undefined) {
    throw new InvalidArgumentError('body', `must not be sent: ${operationId} takes no request body`)
  }
  requireHttpsEndpoint(operationId, params.body)
  return {
    operationId,
    method: operation.method,
    path,
    query,
    body: params.body,
    idempotent: context.idempotent ?? IDEMPOTENT_METHODS.has(operation.method),
    hasContent: (status) => operation.responses[String(status)]?.content ?? hasAnySuccessContent(operation),
  }
}

/**
 * Checks a request against the spec's operation table (and the reference's prose rules) without
 * sending it; throws InvalidArgumentError naming the argument. `brandId` may be left out.
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
