// The few rules the reference states in prose rather than in the spec's schemas.

import { isLoopbackHost } from '@flexengage/webhooks-types'
import { InvalidArgumentError } from './errors.js'

/**
 * "Endpoints must be HTTPS: creating a webhook with an http:// endpoint is rejected with 422."
 * http is let through for loopback hosts, where the local sandbox delivers.
 */
const HTTPS_ENDPOINT_FIELD: Readonly<Record<string, string>> = { createWebhook: 'endpoint' }

export function requireHttpsEndpoint(operationId: string, body: unknown): void {
  const field = HTTPS_ENDPOINT_FIELD[operationId]
  const value = field === undefined ? undefined : (body as Record<string, unknown> | undefined)?.[field]
  if (field === undefined || typeof value !== 'string') return
  const url = new URL(value)
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return
  throw new InvalidArgumentError(
    field,
    `must use https (flexEngage delivers to HTTPS endpoints only), got ${url.protocol}`,
  )
}

/** "start" and "end" bound one window: a window that ends before it starts finds nothing. */
export function requireOrderedWindow(
  start: Date | undefined,
  end: Date | undefined,
  names: [string, string],
): void {
  if (start && end && start.getTime() > end.getTime()) {
    throw new InvalidArgumentError(names[0], `must not be after ${names[1]}`)
  }
}
