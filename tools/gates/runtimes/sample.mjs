// @ts-check
// The spec's example delivery of its first listed event type, created now: read from the installed
// types package, as any consumer would.
import { deliveryExamples, listedEventTypes } from '@flexengage/webhooks-types'

export function sampleEnvelope() {
  return { ...structuredClone(deliveryExamples[listedEventTypes[0]]), created: new Date().toISOString() }
}

/** The same bytes with another brand: a tampered delivery its signature no longer covers. */
export const tamper = (/** @type {Uint8Array} */ bytes) =>
  new TextEncoder().encode(
    JSON.stringify({ ...JSON.parse(new TextDecoder().decode(bytes)), brandId: 'TAMPERED' }),
  )
