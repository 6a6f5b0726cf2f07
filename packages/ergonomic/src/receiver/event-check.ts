// The body of a verified delivery, checked against the spec's delivery contract with its generated
// validators: the envelope every delivery carries, and the payload of each type the spec lists.
import {
  eventDataValidators,
  isListedEventType,
  type ValidationError,
  type VerifiedEvent,
  validateEnvelope,
} from '@flexengage/webhooks-types'
import { SignatureVerificationError } from './errors.js'

/** `body.data.message: required`, for the first few errors. */
const describe = (errors: readonly ValidationError[] | null | undefined, root: string) =>
  (errors ?? [])
    .slice(0, 3)
    .map((e) => {
      const missing = typeof e.params.missingProperty === 'string' ? `/${e.params.missingProperty}` : ''
      return `${root}${`${e.instancePath}${missing}`.replaceAll('/', '.')}: ${e.keyword}`
    })
    .join('; ')

function parse(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new SignatureVerificationError('not_an_envelope', 'the body is not UTF-8 JSON')
  }
}

/** The event in a delivery's body, or the refusal saying which field breaks the contract. */
export function checkEvent(bytes: Uint8Array): VerifiedEvent {
  const value = parse(bytes)
  if (!validateEnvelope(value)) {
    throw new SignatureVerificationError(
      'not_an_envelope',
      `the body is not a flexEngage event envelope (${describe(validateEnvelope.errors, 'body')})`,
    )
  }
  const event = value as VerifiedEvent
  if (isListedEventType(event.type)) {
    const validateData = eventDataValidators[event.type]
    if (!validateData(event.data)) {
      throw new SignatureVerificationError(
        'invalid_payload',
        `the data of this ${event.type} event breaks the spec's payload schema (${describe(validateData.errors, 'data')})`,
      )
    }
  }
  return event
}
