// Input checks that run before any request: a refused input costs nothing and leaks nothing.
import { InvalidArgumentError } from './errors.js'
import { isValidEventType } from './event-types.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

export function requireUuid(name: string, value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new InvalidArgumentError(
      name,
      `must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, got ${describe(value)}`,
    )
  }
  return value
}

export function requireBrandId(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidArgumentError(
      'brandId',
      'must be a non-empty string (your flexEngage account identifier)',
    )
  }
  return value
}

/** flexEngage delivers to HTTPS only; http is let through for loopback hosts (the local sandbox). */
export function requireEndpoint(value: unknown): string {
  if (typeof value !== 'string')
    throw new InvalidArgumentError('endpoint', `must be a URL string, got ${describe(value)}`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidArgumentError('endpoint', `must be an absolute https URL, got ${describe(value)}`)
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return value
  throw new InvalidArgumentError(
    'endpoint',
    `must use https (flexEngage delivers to HTTPS endpoints only), got ${url.protocol}`,
  )
}

export function requireEventTypes(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidArgumentError(
      'events',
      'must be a non-empty array of event types such as NOTIFICATION.SMS.RECEIPT',
    )
  }
  for (const [index, type] of value.entries()) {
    if (!isValidEventType(type)) {
      throw new InvalidArgumentError(
        `events[${index}]`,
        `must be a dot-separated upper-case event type such as NOTIFICATION.SMS, got ${describe(type)}`,
      )
    }
  }
  return value as string[]
}

export function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new InvalidArgumentError(name, `must be true or false, got ${describe(value)}`)
  return value
}

export function optionalDate(name: string, value: unknown): Date | undefined {
  if (value === undefined) return undefined
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined
  if (!date || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(name, `must be a Date or an ISO 8601 date-time, got ${describe(value)}`)
  }
  return date
}

export function requireWindow(
  start: Date | undefined,
  end: Date | undefined,
  names = ['start', 'end'],
): void {
  if (start && end && start.getTime() > end.getTime()) {
    throw new InvalidArgumentError(names[0] as string, `must not be after ${names[1]}`)
  }
}

export function optionalPositiveInteger(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(name, `must be a positive integer, got ${describe(value)}`)
  }
  return value
}

export function optionalNonNegativeInteger(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(name, `must be a non-negative whole number, got ${describe(value)}`)
  }
  return value
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 60)}…"` : `"${value}"`
  if (value === null || value === undefined) return String(value)
  return typeof value === 'object'
    ? Array.isArray(value)
      ? 'an array'
      : 'an object'
    : `${typeof value} ${String(value)}`
}
