// Generates packages/types/src/generated/operation-table.ts: ONE table of every operation of the spec
// (id, method, path template, parameters with location/required/schema, request body schema,
// declared statuses) plus the component schemas they refer to, without their documentation. The
// client, the mock and the CLI read names, locations and statuses from it; both validate requests
// with the validators generated beside it (request-validators.mjs).
import { describeOperations, schemaName } from '../spec/walk.mjs'

/** Documentation only: dropped from the table. */
const DOCUMENTATION_KEYWORDS = new Set(['description', 'examples', 'title', 'summary'])

/** A schema without its documentation keywords, `$ref`s naming an entry of `specSchemas`. */
function tableSchema(schema) {
  if (Array.isArray(schema)) return schema.map(tableSchema)
  if (typeof schema !== 'object' || schema === null) return schema
  const kept = Object.entries(schema).filter(([keyword]) => !DOCUMENTATION_KEYWORDS.has(keyword))
  return Object.fromEntries(
    kept.map(([keyword, value]) => {
      if (keyword === '$ref') return [keyword, schemaName(value)]
      // Property names are data, not keywords: a field called `description` stays.
      if (keyword === 'properties') {
        return [
          keyword,
          Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, tableSchema(sub)])),
        ]
      }
      return [keyword, tableSchema(value)]
    }),
  )
}

/** The table's view of each operation: what the client sends and the mock routes by. */
export function tableOperations(spec) {
  return describeOperations(spec).map((op) => ({
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    parameters: op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required === true,
      schema: tableSchema(p.schema ?? {}),
    })),
    requestBody: op.body ? { required: op.body.required, schema: tableSchema(op.body.schema) } : null,
    responses: Object.fromEntries(
      Object.entries(op.responses).map(([status, response]) => [
        status,
        { content: response.schema !== undefined },
      ]),
    ),
  }))
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
      const name = schemaName(node.$ref)
      if (found.has(name)) return
      found.add(name)
      visit(spec.components.schemas[name])
      return
    }
    for (const value of Object.values(node)) visit(value)
  }
  for (const op of describeOperations(spec)) {
    for (const parameter of op.parameters) visit(parameter.schema)
    visit(op.body?.schema)
  }
  return [...found].sort()
}

export function operationTableSource(spec) {
  const operations = tableOperations(spec)
  const table = Object.fromEntries(operations.map(({ operationId, ...rest }) => [operationId, rest]))
  const schemas = Object.fromEntries(
    referencedSchemas(spec).map((name) => [name, tableSchema(spec.components.schemas[name])]),
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
