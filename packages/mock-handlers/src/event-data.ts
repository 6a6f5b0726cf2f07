// A new event's `data` against its type's payload schema, the spec's one rule for what the mock may
// seed and the sandbox may trigger and deliver: a listed type's data must fit its schema (unless a
// test asks for invalid data on purpose); a type the spec does not list takes any object.
import {
  deliveryExamples,
  eventDataValidators,
  isListedEventType,
  validationsOf,
} from '@flexengage/webhooks-types'

/** An event whose `data` breaks its type's payload schema; `validations` name each field (`data.x`). */
export class InvalidEventDataError extends Error {
  override readonly name = 'InvalidEventDataError'

  constructor(
    readonly eventType: string,
    readonly validations: Record<string, string>,
  ) {
    super(
      `the data of a ${eventType} event breaks the spec's payload schema: ${Object.values(validations).join('; ')} (allowInvalidData sends it anyway, to test how a receiver copes)`,
    )
  }
}

/** Throws InvalidEventDataError when a listed type's data breaks its schema and that is not allowed. */
export function checkEventData(type: string, data: unknown, allowInvalidData = false): void {
  if (allowInvalidData || !isListedEventType(type)) return
  const validate = eventDataValidators[type]
  if (!validate(data)) {
    throw new InvalidEventDataError(type, validationsOf(validate.errors ?? [], { skip: 1, name: 'data' }))
  }
}

/** The data a new event carries when none is given: the spec's example for a listed type, else `{}`. */
export function defaultEventData(type: string): unknown {
  return isListedEventType(type) ? structuredClone(deliveryExamples[type].data) : {}
}
