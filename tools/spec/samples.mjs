// Sample deliveries for tests, benches and smoke runs: the spec's own example of a listed event type,
// created now so that a receiver's replay window accepts it.

import { bundledSpecPath } from '../paths.mjs'
import { describeDelivery } from './delivery.mjs'
import { loadSpec } from './document.mjs'

let examples

/** The spec's example delivery of `type` (default: the first listed type), created now. */
export function sampleEnvelope(overrides = {}, type = undefined) {
  examples ??= new Map(describeDelivery(loadSpec(bundledSpecPath)).events.map((e) => [e.type, e.example]))
  const example = examples.get(type ?? examples.keys().next().value)
  if (!example) throw new Error(`the spec lists no event type ${type}`)
  return { ...structuredClone(example), created: new Date().toISOString(), ...overrides }
}
