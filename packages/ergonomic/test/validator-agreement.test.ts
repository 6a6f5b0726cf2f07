// One validator for both sides: every operation's parameters and bodies, valid and invalid (blank
// strings, wrong types, missing and unknown fields, values their formats and bounds refuse), go to
// the client's pre-send check and to the mock, which must reach the same verdict on each. The inputs
// are derived from the operation table and the spec's request examples, not listed here.

import { bundledSpecPath } from '@flexengage/tools/paths'
import { loadSpec, requestExampleOf } from '@flexengage/tools/spec'
import { listOperations } from '@flexengage/tools/spec-walk'
import { createFlexEngageMock } from '@flexengage/webhooks-mock-handlers'
import { type OperationId, operationTable, specSchemas } from '@flexengage/webhooks-types'
import { describe, expect, test } from 'vitest'
import { checkRequest, InvalidArgumentError } from '../src/index.js'

type Schema = {
  type?: string
  format?: string
  $ref?: string
  properties?: Record<string, Schema>
  required?: readonly string[]
  minItems?: number
  items?: Schema
}
type Params = { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown }

const spec = loadSpec(bundledSpecPath)
const UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
const resolve = (schema: Schema): Schema =>
  schema.$ref ? resolve((specSchemas as Record<string, Schema>)[schema.$ref] as Schema) : schema

/** A value the schema accepts. */
function validValue(schema: Schema): unknown {
  const s = resolve(schema)
  if (s.format === 'uuid') return UUID
  if (s.format === 'date-time') return '2024-01-01T00:00:00Z'
  if (s.type === 'integer' || s.type === 'number') return 5
  if (s.type === 'boolean') return true
  return 'ACME'
}

/** Values the schema may refuse: blank and empty strings, other types, a malformed format. */
function suspectValues(schema: Schema): unknown[] {
  const s = resolve(schema)
  return ['', '   ', 'not a value of this kind', 0, -1, 2.5, true, null, [], {}, 'notification.lower']
    .concat(s.format ? ['2024-02-30T00:00:00Z', '3fa85f64'] : [])
    .filter((value) => value !== validValue(schema))
}

function bodyVariants(example: Record<string, unknown>, schema: Schema): unknown[] {
  const s = resolve(schema)
  const variants: unknown[] = [example, {}, [], 'text', { ...example, notAField: 1 }]
  for (const [field, fieldSchema] of Object.entries(s.properties ?? {})) {
    const { [field]: _, ...without } = example
    variants.push(without)
    for (const value of suspectValues(fieldSchema)) variants.push({ ...example, [field]: value })
    if (resolve(fieldSchema).type === 'array') variants.push({ ...example, [field]: ['', '   ', 'A.B', 7] })
  }
  return variants
}

/** Every case of an operation: the valid request, then one thing changed at a time. */
function casesOf(operationId: OperationId): Params[] {
  const operation = operationTable[operationId]
  const valid: Params = { path: {}, query: {} }
  for (const p of operation.parameters)
    (p.in === 'path' ? valid.path : valid.query)[p.name] = validValue(p.schema as Schema)
  const entry = listOperations(spec).find(
    ({ operation: o }: { operation: { operationId: string } }) => o.operationId === operationId,
  )
  const example =
    operation.requestBody && entry
      ? (requestExampleOf(spec, entry.operation) as Record<string, unknown>)
      : undefined
  if (example) valid.body = example
  const cases: Params[] = [valid, { ...valid, query: { ...valid.query, unknownParameter: 'x' } }]
  for (const p of operation.parameters) {
    const where = p.in === 'path' ? 'path' : 'query'
    // An empty path segment is no route at all: the path cases keep every segment.
    const values = suspectValues(p.schema as Schema).filter(
      (v) => where === 'query' || (typeof v === 'string' && v !== ''),
    )
    for (const value of values) cases.push({ ...valid, [where]: { ...valid[where], [p.name]: value } })
  }
  if (example)
    for (const body of bodyVariants(example, operation.requestBody?.schema as Schema))
      cases.push({ ...valid, body })
  return cases
}

/** The client's verdict: refused before sending, or not. */
function clientRefuses(operationId: OperationId, params: Params): boolean {
  try {
    checkRequest(operationId, params)
    return false
  } catch (error) {
    if (error instanceof InvalidArgumentError) return true
    throw error
  }
}

const mock = createFlexEngageMock({ allowHttpLoopbackEndpoints: true })

/** The mock's verdict: the request refused as malformed (400, 422), or taken to its behaviour. */
async function mockRefuses(operationId: OperationId, params: Params): Promise<boolean> {
  const { method, path } = operationTable[operationId]
  const url = new URL(
    `https://api.test${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params.path[name])))}`,
  )
  for (const [name, value] of Object.entries(params.query)) url.searchParams.set(name, String(value))
  const body = params.body === undefined ? undefined : JSON.stringify(params.body)
  const answer = await mock.handle(
    new Request(url, {
      method,
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body,
    }),
  )
  if (typeof answer === 'symbol') throw new Error('the mock dropped the connection')
  return answer.status === 400 || answer.status === 422
}

describe.each(Object.keys(operationTable) as OperationId[])('%s', (operationId) => {
  test('the client and the mock agree on every case', async () => {
    const cases = casesOf(operationId)
    const verdicts = await Promise.all(
      cases.map(async (params) => ({
        params,
        client: clientRefuses(operationId, params),
        mock: await mockRefuses(operationId, params),
      })),
    )
    const disagreements = verdicts.filter((v) => v.client !== v.mock)
    expect(disagreements).toEqual([])
    // The cases exercise both verdicts: some are refused, the valid one is not.
    expect(verdicts[0]).toMatchObject({ client: false, mock: false })
    expect(verdicts.some((v) => v.client)).toBe(true)
  })
})
