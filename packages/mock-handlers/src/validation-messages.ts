// Turns precompiled-validator errors into the API's `validations` map (field -> message).
import { type SpecFormat, specFormats } from '@flexengage/webhooks-types'
import type { ValidationError } from './generated/validators.js'

const formats: Readonly<Record<string, SpecFormat>> = specFormats

/** `/body/events/0` -> `events[0]`; `/path/id` -> `id`. */
function fieldName(instancePath: string, missingProperty?: unknown): string {
  const parts = instancePath.split('/').slice(2)
  if (typeof missingProperty === 'string') parts.push(missingProperty)
  return parts.reduce(
    (name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    '',
  )
}

function describe(field: string, error: ValidationError): string {
  const subject = field || 'the request body'
  switch (error.keyword) {
    case 'required':
      return `${subject} is required`
    case 'format':
      return `${subject} must be ${formats[String(error.params.format)]?.description ?? `a valid ${String(error.params.format)}`}`
    case 'pattern':
      return field.startsWith('events')
        ? `${subject} must be a dot-separated upper-case event type such as NOTIFICATION.SMS.RECEIPT`
        : `${subject} must match ${String(error.params.pattern)}`
    case 'minItems':
      return `${subject} must contain at least ${String(error.params.limit)} item(s)`
    case 'minimum':
      return `${subject} must be at least ${String(error.params.limit)}`
    case 'minLength':
      return `${subject} must not be empty`
    case 'type':
      return `${subject} must be ${String(error.params.type)}`
    default:
      return `${subject} ${error.message ?? 'is invalid'}`
  }
}

export function toValidations(errors: readonly ValidationError[]): Record<string, string> {
  const validations: Record<string, string> = {}
  for (const error of errors) {
    if (error.instancePath === '' && error.params.missingProperty === 'body') {
      validations.body = 'a JSON request body is required'
      continue
    }
    const field = fieldName(error.instancePath, error.params.missingProperty)
    validations[field || 'body'] ??= describe(field, error)
  }
  return validations
}

/** Response violations as `path: message` lines for MockContractError. */
export function describeViolations(errors: readonly ValidationError[]): string[] {
  return errors.map((error) => {
    const path = [error.instancePath, error.params.missingProperty].filter(Boolean).join('/')
    return `${path || '/'} ${error.message ?? error.keyword}`
  })
}
