// Checks of the client's own options (the spec's parameters are checked against the operation table).
import { InvalidArgumentError } from './errors.js'
import { describeValue } from './schema-check.js'

export function requireBrandId(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidArgumentError(
      'brandId',
      'must be a non-empty string (your flexEngage account identifier)',
    )
  }
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
