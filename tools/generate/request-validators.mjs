// Generates the request validators into packages/types/src/generated: one precompiled validator per
// operation over `{ path, query, body }`. The client checks what it is about to send with them and
// the mock checks what it received with the same code, so the two cannot disagree.
import { formatsUsed, standaloneValidators } from './ajv-standalone.mjs'

/**
 * `{ path, query, body }` of a request, as one schema: required parameters and a required body are
 * required; a parameter the operation does not declare, or a body it does not take, is refused.
 */
export function requestSchemaOf(op) {
  const group = (location) => {
    const inGroup = op.parameters.filter((p) => p.in === location)
    return {
      type: 'object',
      required: inGroup.filter((p) => p.required || location === 'path').map((p) => p.name),
      properties: Object.fromEntries(inGroup.map((p) => [p.name, p.schema])),
      additionalProperties: false,
    }
  }
  return {
    type: 'object',
    required: ['path', 'query', ...(op.body?.required ? ['body'] : [])],
    properties: { path: group('path'), query: group('query'), ...(op.body ? { body: op.body.schema } : {}) },
    // A body for an operation that takes none is refused too.
    additionalProperties: false,
  }
}

function indexSource(spec, operations) {
  const formatNames = formatsUsed(spec)
    .map((name) => `'${name}'`)
    .join(' | ')
  const entries = operations.map((op) => `  ${op.operationId}: v.${op.operationId},`)
  return `import type { specFormats } from '../formats.js'
import * as v from './request-validators.js'

/** The string formats the spec uses: a format specFormats lacks fails to compile here. */
export type SpecFormatName = KnownFormat<${formatNames || 'never'}>
type KnownFormat<Name extends keyof typeof specFormats> = Name

/** Each operation's request validator, over \`{ path, query, body }\`; defaults (e.g. \`enabled\`) are filled in. */
export const requestValidators = {
${entries.join('\n')}
} as const
`
}

/** `{ file name: source }` of the request validators and their index. */
export function requestValidatorSources(spec, operations) {
  const validators = standaloneValidators(
    spec,
    Object.fromEntries(operations.map((op) => [op.operationId, requestSchemaOf(op)])),
    { formatsFrom: '../formats.js' },
  )
  return {
    'request-validators.js': validators.js,
    'request-validators.d.ts': validators.dts,
    'request-validation.ts': indexSource(spec, operations),
  }
}
