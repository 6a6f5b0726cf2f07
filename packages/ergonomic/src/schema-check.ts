// Checks a value against a schema of the generated operation table, before anything is sent. The
// table carries only the keywords this module understands: generation stops on any other one.
import { type SpecFormat, specFormats, specSchemas } from '@flexengage/webhooks-types'

export interface TableSchema {
  readonly type?: string
  readonly format?: string
  readonly pattern?: string
  readonly example?: unknown
  readonly minLength?: number
  readonly maxLength?: number
  readonly minimum?: number
  readonly maximum?: number
  readonly minItems?: number
  readonly maxItems?: number
  readonly enum?: readonly unknown[]
  readonly required?: readonly string[]
  readonly properties?: { readonly [name: string]: TableSchema }
  readonly items?: TableSchema
  readonly additionalProperties?: boolean | TableSchema
  readonly default?: unknown
  readonly $ref?: string
}

const formats: Readonly<Record<string, SpecFormat>> = specFormats

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 60)}…"` : `"${value}"`
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

const resolve = (schema: TableSchema): TableSchema =>
  schema.$ref ? resolve((specSchemas as Record<string, TableSchema>)[schema.$ref] ?? {}) : schema

function typeProblem(type: string, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return typeof value !== 'number' || !Number.isInteger(value)
    case 'number':
      return typeof value !== 'number' || !Number.isFinite(value)
    case 'array':
      return !Array.isArray(value)
    case 'object':
      return typeof value !== 'object' || value === null || Array.isArray(value)
    default:
      return typeof value !== type
  }
}

const article = (type: string) => (type === 'integer' || type === 'array' || type === 'object' ? 'an' : 'a')

export interface SchemaProblem {
  /** Where: the argument's name, e.g. `events[0]`. */
  at: string
  /** What is wrong, e.g. `must match ^[A-Z0-9_]+$ ...`. */
  problem: string
}

/** The first problem of `value` against `schema`, or undefined when it fits. */
export function schemaProblem(given: TableSchema, value: unknown, name: string): SchemaProblem | undefined {
  const message = firstProblem(given, value, name)
  if (!message) return undefined
  const split = message.indexOf(' must ')
  return { at: message.slice(0, split) || 'body', problem: message.slice(split + 1) }
}

function firstProblem(given: TableSchema, value: unknown, name: string): string | undefined {
  const schema = resolve(given)
  const got = `, got ${describeValue(value)}`
  if (schema.type && typeProblem(schema.type, value))
    return `${name} must be ${article(schema.type)} ${schema.type}${got}`
  if (schema.enum && !schema.enum.includes(value))
    return `${name} must be one of ${schema.enum.join(', ')}${got}`
  if (typeof value === 'string') {
    const format = schema.format ? formats[schema.format] : undefined
    if (format && !format.validate(value)) return `${name} must be ${format.description}${got}`
    if (schema.minLength !== undefined && value.trim().length < schema.minLength)
      return `${name} must not be blank${got}`
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      return `${name} must be at most ${schema.maxLength} characters${got}`
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) {
      const example = schema.example === undefined ? '' : ` such as ${String(schema.example)}`
      return `${name} must match ${schema.pattern}${example}${got}`
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      return `${name} must be at least ${schema.minimum}${got}`
    if (schema.maximum !== undefined && value > schema.maximum)
      return `${name} must be at most ${schema.maximum}${got}`
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      return `${name} must have at least ${schema.minItems} item(s)${got}`
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      return `${name} must have at most ${schema.maxItems} item(s)${got}`
    if (schema.items) {
      for (const [index, item] of value.entries()) {
        const problem = firstProblem(schema.items, item, `${name}[${index}]`)
        if (problem) return problem
      }
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>
    const prefix = name ? `${name}.` : ''
    for (const field of schema.required ?? []) {
      if (record[field] === undefined) return `${prefix}${field} must be given`
    }
    for (const [field, fieldValue] of Object.entries(record)) {
      if (fieldValue === undefined) continue
      const fieldSchema = schema.properties?.[field] ?? schema.additionalProperties
      if (fieldSchema === false) return `${prefix}${field} must not be sent: the spec has no such field`
      if (fieldSchema && fieldSchema !== true) {
        const problem = firstProblem(fieldSchema, fieldValue, `${prefix}${field}`)
        if (problem) return problem
      }
    }
  }
  return undefined
}

/** The properties a schema declares (through its `$ref`), e.g. to refuse fields the spec does not know. */
export function declaredFields(schema: TableSchema): readonly string[] {
  return Object.keys(resolve(schema).properties ?? {})
}

/** The schema's defaults for fields the value leaves out, e.g. `enabled: true`. */
export function withDefaults(schema: TableSchema, value: Record<string, unknown>): Record<string, unknown> {
  const defaults = Object.entries(resolve(schema).properties ?? {}).filter(
    ([field, property]) => property.default !== undefined && value[field] === undefined,
  )
  return { ...Object.fromEntries(defaults.map(([field, property]) => [field, property.default])), ...value }
}
