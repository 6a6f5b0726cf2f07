// Generates packages/types/src/generated/operation-table.ts: ONE table of every operation of the spec
// (id, method, path template, parameters with location/required/schema, request body schema,
// declared statuses) plus the component schemas they refer to, reduced to their validation
// keywords. The client, the mock and the CLI read names, formats and statuses from it.
import { listOperations, resolvePointer } from './spec.mjs'

/** The keywords the table keeps; a schema using any other one stops generation (see below). */
export const TABLE_SCHEMA_KEYWORDS = new Set([
  'type',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'enum',
  'required',
  'properties',
  'items',
  'additionalProperties',
  'default',
  'example',
  '$ref',
])
/** Documentation only: dropped from the table. */
const DOCUMENTATION_KEYWORDS = new Set(['description', 'examples', 'title', 'summary'])

function reduceSchema(schema, where) {
  if (typeof schema !== 'object' || schema === null) return schema
  const reduced = {}
  for (const [keyword, value] of Object.entries(schema)) {
    if (DOCUMENTATION_KEYWORDS.has(keyword)) continue
    if (!TABLE_SCHEMA_KEYWORDS.has(keyword)) {
      throw new Error(
        `${where} uses the schema keyword "${keyword}", which the operation table does not carry and the ` +
          `client's checks (packages/ergonomic/src/schema-check.ts) do not understand. Teach both about it ` +
          `(TABLE_SCHEMA_KEYWORDS in tools/generate-operation-table.mjs), or express the rule differently.`,
      )
    }
    if (keyword === '$ref') reduced.$ref = value.replace('#/components/schemas/', '')
    else if (keyword === 'properties') {
      reduced.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, reduceSchema(sub, `${where}.properties.${name}`)]),
      )
    } else if (keyword === 'items' || (keyword === 'additionalProperties' && typeof value === 'object')) {
      reduced[keyword] = reduceSchema(value, `${where}.${keyword}`)
    } else reduced[keyword] = value
  }
  return reduced
}

const deref = (spec, node) => (node?.$ref ? resolvePointer(spec, node.$ref) : node)

export function describeOperations(spec) {
  return listOperations(spec).map(({ path, method, operation }) => {
    const at = `${method.toUpperCase()} ${path}`
    const pathItem = spec.paths[path]
    const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
      .map((p) => deref(spec, p))
      .map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required === true,
        schema: reduceSchema(p.schema ?? {}, `${at} parameter ${p.name}`),
      }))
    const body = deref(spec, operation.requestBody)
    const bodySchema = body?.content?.['application/json']?.schema
    const responses = Object.fromEntries(
      Object.entries(operation.responses).map(([status, declared]) => [
        status,
        { content: Boolean(deref(spec, declared).content?.['application/json']) },
      ]),
    )
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      parameters,
      requestBody: bodySchema
        ? { required: body.required === true, schema: reduceSchema(bodySchema, `${at} request body`) }
        : null,
      responses,
    }
  })
}

/** Static segments sort before parameters at the same position, so `/x/all` is never shadowed by `/x/{id}`. */
function compareRoutes(a, b) {
  const segments = (op) => op.path.split('/').filter(Boolean)
  const [as, bs] = [segments(a), segments(b)]
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const aParam = as[i].startsWith('{')
    const bParam = bs[i].startsWith('{')
    if (aParam !== bParam) return aParam ? 1 : -1
  }
  return as.length - bs.length || a.method.localeCompare(b.method)
}

/** The order routes are matched in: static segments before parameters at each position. */
export function routeOrderOf(operations) {
  return [...operations].sort(compareRoutes).map((op) => op.operationId)
}

/** The component schemas the operations' parameters and request bodies reach, directly or not. */
function referencedSchemas(spec) {
  const found = new Set()
  const visit = (node) => {
    if (typeof node !== 'object' || node === null) return
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace(/^#\/components\/schemas\//, '')
      if (found.has(name)) return
      found.add(name)
      visit(spec.components.schemas[name])
      return
    }
    for (const value of Object.values(node)) visit(value)
  }
  for (const op of listOperations(spec)) {
    const pathItem = spec.paths[op.path]
    for (const p of [...(pathItem.parameters ?? []), ...(op.operation.parameters ?? [])])
      visit(deref(spec, p).schema)
    visit(deref(spec, op.operation.requestBody)?.content?.['application/json']?.schema)
  }
  return [...found].sort()
}

export function operationTableSource(spec) {
  const operations = describeOperations(spec)
  const table = Object.fromEntries(operations.map(({ operationId, ...rest }) => [operationId, rest]))
  const schemas = Object.fromEntries(
    referencedSchemas(spec).map((name) => [
      name,
      reduceSchema(spec.components.schemas[name], `components.schemas.${name}`),
    ]),
  )
  return `/**
 * Every operation of spec/openapi.yaml: method, path template, parameters (location, required,
 * schema), request body schema and declared statuses. \`$ref\`s name an entry of \`specSchemas\`.
 */
export const operationTable = ${JSON.stringify(table, null, 2)} as const

/** The order routes are matched in: static segments before parameters at each position. */
export const routeOrder = ${JSON.stringify(routeOrderOf(operations))} as const

/** The component schemas the requests above refer to, reduced to their validation keywords. */
export const specSchemas = ${JSON.stringify(schemas, null, 2)} as const
`
}
