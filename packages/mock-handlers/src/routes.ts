// The mock's view of each operation: the generated operation table (route, parameters, statuses)
// joined with the generated validators. Nothing here is restated from the spec.
import { type OperationId, operationTable, routeOrder } from '@flexengage/webhooks-types'
import { operationValidators } from './generated/operation-validators.js'
import type { Validator } from './generated/validators.js'

export type { OperationId }
export { routeOrder }

export interface MockOperation {
  method: string
  path: string
  segments: readonly string[]
  /** Query parameter name -> its schema type, to read integers as numbers. */
  queryParams: Readonly<Record<string, string | undefined>>
  hasBody: boolean
  validateRequest: Validator
  responses: Readonly<Record<number, { hasBody: boolean; validate: Validator }>>
}

function mockOperation(operationId: OperationId): MockOperation {
  const operation = operationTable[operationId]
  const validators = operationValidators[operationId]
  const parameters: ReadonlyArray<{ name: string; in: string; schema: { type?: string } }> =
    operation.parameters
  return {
    method: operation.method,
    path: operation.path,
    segments: operation.path.split('/').filter(Boolean),
    queryParams: Object.fromEntries(
      parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema.type]),
    ),
    hasBody: operation.requestBody !== null,
    validateRequest: validators.request,
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, response]) => [
        Number(status),
        {
          hasBody: response.content,
          validate: (validators.responses as Record<string, Validator>)[status] as Validator,
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
