// Checks of the client's own options. The brand is checked by the spec's own rule for the `brandId`
// path parameter (the generated request validator), as every request checks it.
import { fieldProblems, operationTable, requestValidators, type Validator } from '@flexengage/webhooks-types'
import { InvalidArgumentError } from './errors.js'
import { BRAND_PARAMETER } from './operation-request.js'

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 60)}…"` : `"${value}"`
  if (value === null || value === undefined) return String(value)
  return Array.isArray(value)
    ? 'an array'
    : typeof value === 'object'
      ? 'an object'
      : `${typeof value} ${String(value)}`
}

/** The brand, checked as the spec checks the `brandId` path parameter of its operations. */
export function requireBrandId(value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(
      BRAND_PARAMETER,
      `must be a string (your flexEngage account identifier), got ${describeValue(value)}`,
    )
  }
  const [operationId] = Object.entries(operationTable)
    .filter(([, operation]) =>
      operation.parameters.some((p) => p.in === 'path' && p.name === BRAND_PARAMETER),
    )
    .map(([id]) => id)
  const validate = (requestValidators as Record<string, Validator>)[operationId ?? ''] as
    | Validator
    | undefined
  if (!validate || validate({ path: { [BRAND_PARAMETER]: value }, query: {} })) return value
  const problem = fieldProblems(validate.errors ?? []).find(
    (p) => p.location === 'path' && p.field === BRAND_PARAMETER,
  )
  if (problem)
    throw new InvalidArgumentError(BRAND_PARAMETER, `${problem.problem} (your flexEngage account identifier)`)
  return value
}

export function optionalPositiveInteger(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(name, `must be a positive integer, got ${describeValue(value)}`)
  }
  return value
}

export function optionalNonNegativeInteger(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(name, `must be a non-negative whole number, got ${describeValue(value)}`)
  }
  return value
}
