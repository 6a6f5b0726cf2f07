// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
import * as v from './delivery-validators.js'

/** The envelope every delivery carries, whatever its type. */
export const validateEnvelope = v.envelope

/** Each listed event type's payload (`data`) validator. */
export const eventDataValidators = {
  "NOTIFICATION.SMS.RECEIPT": v.data0,
} as const
