// The mock's view of each operation: the generated operation table (route, parameters, statuses)
// joined with the generated validators: the request's, shared with the client (types package), and
// one per declared response status. Nothing here is restated from the spec.
import {
  type OperationId,
  operationTable,
  requestValidators,
  routeOrder,
  type Validator,
} from '@flexengage/webhooks-types'
import { responseValidators } from './generated/response-validation.js'

export type { OperationId }
export { routeOrder }

export interface MockOperation {
  method: string
  path: string
  segments: readonly string[]
  /** The path parameters the operation declares, by name. */
  pathParams: readonly string[]
  /** Query parameter name -> its schema type, to read integers as numbers. */
  queryParams: Readonly<Record<string, string | undefined>>
  hasBody: boolean
  validateRequest: Validator
  responses: Readonly<Record<number, { hasBody: boolean; validate: Validator }>>
}

function mockOperation(operationId: OperationId): MockOperation {
  const operation = operationTable[operationId]
  const parameters: ReadonlyArray<{ name: string; in: string; schema: { type?: string } }> =
    operation.parameters
  return {
    method: operation.method,
    path: operation.path,
    segments: operation.path.split('/').filter(Boolean),
    pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
    queryParams: Object.fromEntries(
      parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema.type]),
    ),
    hasBody: operation.requestBody !== null,
    validateRequest: requestValidators[operationId],
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, response]) => [
        Number(status),
        {
          hasBody: response.content,
          validate: (responseValidators[operationId] as Record<string, Validator>)[status] as Validator,
        },
      ]),
    ),
  }
}

let built: Record<OperationId, MockOperation> | undefined

/**
 * Every operation of the spec, as the mock routes, validates and answers it. Built on first use, so
 * an entry point that never routes (the MSW adapter's factories) does not carry the validators.
 */
export function mockOperations(): Record<OperationId, MockOperation> {
  built ??= Object.fromEntries(
    (Object.keys(operationTable) as OperationId[]).map((id) => [id, mockOperation(id)]),
  ) as Record<OperationId, MockOperation>
  return built
}
