// The rules the provider states in prose rather than in the spec's schemas, one home each: the client
// checks them before sending, the mock and the sandbox before acting.
import { isLoopbackHost } from './loopback.js'

/**
 * "Endpoints must be HTTPS": flexEngage answers an `http://` endpoint with 422. `allowHttpLoopback`
 * accepts `http://` on a loopback host (the local sandbox delivers there); flexEngage never does.
 * The field it applies to is the one the delivery callback reads its URL from (`delivery.subscription`).
 */
export function endpointProblem(endpoint: string, { allowHttpLoopback }: { allowHttpLoopback: boolean }) {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return 'must be an absolute https URL'
  }
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:' && allowHttpLoopback && isLoopbackHost(url.hostname)) return undefined
  return allowHttpLoopback
    ? `must use https (http is accepted on loopback hosts only), got ${url.protocol}`
    : `must use https: flexEngage delivers to HTTPS endpoints only, got ${url.protocol}`
}

/** `start` and `end` bound one window: a window that ends before it starts finds nothing. */
export function windowProblem(start: string | undefined, end: string | undefined): string | undefined {
  if (start === undefined || end === undefined) return undefined
  return Date.parse(start) > Date.parse(end) ? 'must not be after end' : undefined
}
