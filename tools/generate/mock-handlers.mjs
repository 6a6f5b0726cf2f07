// Generates packages/mock-handlers/src/generated: precompiled response validators (the request
// validators live in the types package, shared with the client), the spec's named examples, and
// typed MSW handler factories.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadSpec } from '../spec/document.mjs'
import { describeOperations } from '../spec/walk.mjs'
import { standaloneValidators } from './ajv-standalone.mjs'
import { withGeneratedHeader } from './generated-header.mjs'
import { routeOrderOf } from './operation-table.mjs'

const json = (value) => JSON.stringify(value, null, 2)

/** One response validator per declared status of each operation, over `{ headers, body }`. */
function responseValidatorSources(spec, described) {
  const schemas = {}
  for (const op of described) {
    for (const [status, response] of Object.entries(op.responses)) {
      const headers = response.headers.filter((h) => h.schema)
      schemas[`${op.operationId}_${status}`] = {
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
  const validators = standaloneValidators(spec, schemas, { formatsFrom: '@flexengage/webhooks-types' })
  const entries = described.map((op) => {
    const statuses = Object.keys(op.responses).map(
      (status) => `    ${status}: v.${op.operationId}_${status},`,
    )
    return `  ${op.operationId}: {\n${statuses.join('\n')}\n  },`
  })
  return {
    'response-validators.js': validators.js,
    'response-validators.d.ts': validators.dts,
    'response-validation.ts': `import * as v from './response-validators.js'

/** Each operation's response validators, one per declared status, over \`{ headers, body }\`. */
export const responseValidators = {
${entries.join('\n')}
}
`,
  }
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
  const described = describeOperations(spec)
  const sources = {
    ...responseValidatorSources(spec, described),
    'examples.ts': examplesSource(described),
    'handlers.ts': handlersSource(
      routeOrderOf(described).map((id) => described.find((op) => op.operationId === id)),
    ),
  }
  for (const [file, source] of Object.entries(sources))
    await writeFile(join(outDir, file), withGeneratedHeader(source))
}
