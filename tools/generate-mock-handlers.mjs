// Generates packages/mock-handlers/src/generated: the operation/route table, Ajv standalone request
// and response validators, the spec's named examples, and typed MSW handler factories.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { formatsUsed, standaloneValidators } from './ajv-standalone.mjs'
import { routeOrderOf } from './generate-operation-table.mjs'
import { withGeneratedHeader } from './generated-header.mjs'
import { listOperations, loadSpec, resolvePointer } from './spec.mjs'

const deref = (spec, node) => (node?.$ref ? resolvePointer(spec, node.$ref) : node)

/** What the validators, examples and MSW factories need of an operation (full spec schemas). */
function describeOperation(spec, { path, method, operation }) {
  const pathItem = spec.paths[path]
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
    deref(spec, p),
  )
  const body = deref(spec, operation.requestBody)
  const responses = {}
  for (const [status, declared] of Object.entries(operation.responses)) {
    const response = deref(spec, declared)
    const media = response.content?.['application/json']
    responses[status] = {
      schema: media?.schema,
      headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({
        name,
        required: header.required === true,
        schema: header.schema,
      })),
      examples: Object.fromEntries(
        Object.entries(media?.examples ?? {}).map(([n, e]) => [n, deref(spec, e).value]),
      ),
    }
  }
  return {
    operationId: operation.operationId,
    method: method.toUpperCase(),
    path,
    parameters,
    body: body?.content?.['application/json']?.schema
      ? { required: body.required === true, schema: body.content['application/json'].schema }
      : undefined,
    responses,
  }
}

/** `{ path, query, body }` of a request, as one schema: required parameters and body are required. */
function requestSchemaOf(op) {
  const group = (location) => {
    const inGroup = op.parameters.filter((p) => p.in === location)
    return {
      type: 'object',
      required: inGroup.filter((p) => p.required || location === 'path').map((p) => p.name),
      properties: Object.fromEntries(inGroup.map((p) => [p.name, p.schema])),
    }
  }
  return {
    type: 'object',
    required: ['path', 'query', ...(op.body?.required ? ['body'] : [])],
    properties: { path: group('path'), query: group('query'), ...(op.body ? { body: op.body.schema } : {}) },
  }
}
const json = (value) => JSON.stringify(value, null, 2)

function validatorsSource(spec, described) {
  const schemas = {}
  for (const op of described) {
    schemas[`${op.operationId}_request`] = requestSchemaOf(op)
    for (const [status, response] of Object.entries(op.responses)) {
      const headers = response.headers.filter((h) => h.schema)
      schemas[`${op.operationId}_response_${status}`] = {
        type: 'object',
        properties: {
          ...(response.schema ? { body: response.schema } : {}),
          headers: {
            type: 'object',
            required: headers.filter((h) => h.required).map((h) => h.name.toLowerCase()),
            properties: Object.fromEntries(headers.map((h) => [h.name.toLowerCase(), h.schema])),
          },
        },
      }
    }
  }
  return standaloneValidators(spec, schemas, { formatsFrom: '@flexengage/webhooks-types' })
}

function operationValidatorsSource(spec, described) {
  const formatNames = formatsUsed(spec)
    .map((name) => `'${name}'`)
    .join(' | ')
  const entries = described.map((op) => {
    const responses = Object.keys(op.responses)
      .map((status) => `      ${status}: v.${op.operationId}_response_${status},`)
      .join('\n')
    return `  ${op.operationId}: {\n    request: v.${op.operationId}_request,\n    responses: {\n${responses}\n    },\n  },`
  })
  return `import type { specFormats } from '@flexengage/webhooks-types'
import * as v from './validators.js'

/** The string formats the spec uses: a format the types package's specFormats lacks fails to compile. */
export type SpecFormatName = KnownFormat<${formatNames || 'never'}>
type KnownFormat<Name extends keyof typeof specFormats> = Name

/** Each operation's precompiled request validator and one response validator per declared status. */
export const operationValidators = {
${entries.join('\n')}
}
`
}

function examplesSource(described) {
  const byOperation = Object.fromEntries(
    described.map((op) => [
      op.operationId,
      Object.fromEntries(
        Object.entries(op.responses)
          .filter(([, r]) => Object.keys(r.examples).length > 0)
          .map(([status, r]) => [status, r.examples]),
      ),
    ]),
  )
  return `/** The spec's named response examples: operationId -> status -> name -> body. */
export const examples: Record<string, Record<string, Record<string, unknown>>> = ${json(byOperation)}
`
}

function handlersSource(described) {
  const factories = described.map((op) => {
    const mswPath = `*${op.path.replace(/\{(\w+)\}/g, ':$1')}`
    const pathParams = op.parameters.filter((p) => p.in === 'path').map((p) => p.name)
    const params = pathParams.length ? `{ ${pathParams.map((p) => `${p}: string`).join('; ')} }` : 'never'
    return `  /** ${op.method} ${op.path} */
  ${op.operationId}: (resolver: HttpResponseResolver<${params}, RequestBodyOf<'${op.operationId}'>, ResponseBodyOf<'${op.operationId}'>>) =>
    http.${op.method.toLowerCase()}('${mswPath}', resolver),`
  })
  return `import { http, type HttpResponseResolver } from 'msw'
import type { RequestBodyOf, ResponseBodyOf } from '../operation-types.js'

/** An MSW handler factory per operationId, typed by the spec (path params, request and response bodies). */
export const handlerFactories = {
${factories.join('\n')}
}
`
}

export async function generateMockHandlers(specPath, outDir) {
  const spec = loadSpec(specPath)
  const described = listOperations(spec).map((entry) => describeOperation(spec, entry))
  const routeOrder = routeOrderOf(described)
  const validators = validatorsSource(spec, described)
  await writeFile(join(outDir, 'validators.js'), withGeneratedHeader(validators.js))
  await writeFile(join(outDir, 'validators.d.ts'), withGeneratedHeader(validators.dts))
  await writeFile(
    join(outDir, 'operation-validators.ts'),
    withGeneratedHeader(operationValidatorsSource(spec, described)),
  )
  await writeFile(join(outDir, 'examples.ts'), withGeneratedHeader(examplesSource(described)))
  const ordered = routeOrder.map((id) => described.find((op) => op.operationId === id))
  await writeFile(join(outDir, 'handlers.ts'), withGeneratedHeader(handlersSource(ordered)))
}
