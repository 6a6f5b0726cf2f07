// Validation errors of the generated validators, worded once for everyone: the client names the
// argument and the problem, the mock and the sandbox answer the API's `validations` map (field ->
// message, as the provider's 422 shows: `"endpoint": "endpoint is required"`).
import { type SpecFormat, specFormats } from './formats.js'
import { specSchemas } from './generated/operation-table.js'
import type { ValidationError } from './generated/request-validators.js'

const formats: Readonly<Record<string, SpecFormat>> = specFormats

/** Where the validated value sits: request validators see `/body/...`, a payload validator `/...`. */
export interface FieldRoot {
  /** Leading path segments that name the location, not the field (2 for `/body/...`). */
  skip: number
  /** The name the value itself goes by, e.g. `data`. */
  name?: string
}

/** A request validator's root: `{ path, query, body }`. */
export const REQUEST_ROOT: FieldRoot = { skip: 2 }

/** One problem: the field it is about and what is wrong, e.g. `events[0]`, `must be a ...`. */
export interface FieldProblem {
  /** Where in the request: `path`, `query` or `body` (undefined for a payload). */
  location: string | undefined
  /** The field, e.g. `events[0]` or `data.message`; empty for the value itself. */
  field: string
  problem: string
}

/** The field an error is about: `/body/events/0` -> `events[0]`; with root `data`, `/x` -> `data.x`. */
function fieldOf(error: ValidationError, root: FieldRoot): string {
  const parts = [...(root.name ? [root.name] : []), ...error.instancePath.split('/').slice(root.skip)]
  const named = error.params.missingProperty ?? error.params.additionalProperty
  if (typeof named === 'string') parts.push(named)
  return parts.reduce(
    (name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    '',
  )
}

/** What is wrong, worded from the error's keyword and parameters. */
function problemOf(error: ValidationError): string {
  const { params } = error
  switch (error.keyword) {
    case 'required':
      return 'is required'
    case 'additionalProperties':
      return 'is not a field the spec declares here'
    case 'format':
      return `must be ${formats[String(params.format)]?.description ?? `a valid ${String(params.format)}`}`
    case 'pattern':
      return params.pattern === specSchemas.EventType.pattern
        ? `must be a dot-separated upper-case event type such as ${specSchemas.EventType.example}`
        : `must match ${String(params.pattern)}`
    case 'minItems':
      return `must contain at least ${String(params.limit)} item(s)`
    case 'minimum':
      return `must be at least ${String(params.limit)}`
    case 'maximum':
      return `must be at most ${String(params.limit)}`
    case 'minLength':
      return 'must not be empty'
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters`
    case 'type':
      return `must be ${String(params.type)}`
    case 'enum':
      return `must be one of ${JSON.stringify(params.allowedValues)}`
    default:
      return `breaks the spec's ${error.keyword} rule ${JSON.stringify(params)}`
  }
}

/** Each error as the field it is about and what is wrong, first error first. */
export function fieldProblems(
  errors: readonly ValidationError[],
  root: FieldRoot = REQUEST_ROOT,
): FieldProblem[] {
  return errors.map((error) => ({
    location: root.skip === 2 ? error.instancePath.split('/')[1] || undefined : undefined,
    field: fieldOf(error, root),
    problem: problemOf(error),
  }))
}

/** The API's `validations` map: one message per field, `"endpoint": "endpoint is required"`. */
export function validationsOf(
  errors: readonly ValidationError[],
  root: FieldRoot = REQUEST_ROOT,
): Record<string, string> {
  const validations: Record<string, string> = {}
  for (const { location, field, problem } of fieldProblems(errors, root)) {
    if (root.skip === 2 && location === undefined && field === 'body') {
      validations.body = 'a JSON request body is required'
      continue
    }
    validations[field || 'body'] ??= `${field || 'the request body'} ${problem}`
  }
  return validations
}

/** Violations as `path problem` lines, e.g. `/body/id must be a UUID…`: for a response that breaks the spec. */
export function describeViolations(errors: readonly ValidationError[]): string[] {
  return errors.map((error) => {
    const named = error.params.missingProperty ?? error.params.additionalProperty
    const path = [error.instancePath, typeof named === 'string' ? named : ''].filter(Boolean).join('/')
    return `${path || '/'} ${problemOf(error)}`
  })
}
