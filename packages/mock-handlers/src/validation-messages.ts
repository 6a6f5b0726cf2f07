// Turns precompiled-validator errors into the API's `validations` map (field -> message).
import { type SpecFormat, specFormats, specSchemas } from '@flexengage/webhooks-types'
import type { ValidationError } from './generated/validators.js'

const formats: Readonly<Record<string, SpecFormat>> = specFormats

/** Where the validated value sits: request validators see `/body/...`, a payload validator `/...`. */
export interface FieldRoot {
  /** Leading path segments that name the location, not the field (2 for `/body/...`). */
  skip: number
  /** The name the value itself goes by, e.g. `data`. */
  name?: string
}

const REQUEST: FieldRoot = { skip: 2 }

/** `/body/events/0` -> `events[0]`; `/path/id` -> `id`; with root `data`, `/message` -> `data.message`. */
function fieldName(instancePath: string, missingProperty: unknown, root: FieldRoot): string {
  const parts = [...(root.name ? [root.name] : []), ...instancePath.split('/').slice(root.skip)]
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
      return error.params.pattern === specSchemas.EventType.pattern
        ? `${subject} must be a dot-separated upper-case event type such as ${specSchemas.EventType.example}`
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
      return `${subject} breaks the spec's ${error.keyword} rule ${JSON.stringify(error.params)}`
  }
}

export function toValidations(
  errors: readonly ValidationError[],
  root: FieldRoot = REQUEST,
): Record<string, string> {
  const validations: Record<string, string> = {}
  for (const error of errors) {
    if (error.instancePath === '' && error.params.missingProperty === 'body') {
      validations.body = 'a JSON request body is required'
      continue
    }
    const field = fieldName(error.instancePath, error.params.missingProperty, root)
    validations[field || 'body'] ??= describe(field, error)
  }
  return validations
}

/** Response violations as `path problem` lines for MockContractError, e.g. `/body/id must be a UUID…`. */
export function describeViolations(errors: readonly ValidationError[]): string[] {
  return errors.map((error) => {
    const path = [error.instancePath, error.params.missingProperty].filter(Boolean).join('/')
    return describe(path || '/', error)
  })
}
