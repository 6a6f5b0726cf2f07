// Generates the delivery contract into packages/types/src/generated: what flexEngage sends to a
// webhook's endpoint, read from the spec's one callback (createWebhook's `delivery`): its header
// names and fixed values, the allowed key hosts (`x-key-hosts`), the API's servers by environment
// (`x-environment`), the listed event types (the request body's discriminator mapping) with their
// payload schemas and examples, the envelope's fields, and precompiled validators for the envelope
// and each listed type's payload.
import { standaloneValidators } from './ajv-standalone.mjs'
import { listOperations, resolvePointer } from './spec.mjs'

const deref = (spec, node) => (node?.$ref ? resolvePointer(spec, node.$ref) : node)
const schemaName = (ref) => ref.replace('#/components/schemas/', '')

/** The spec's one callback operation: { name, expression, method, operation }. */
export function deliveryCallback(spec) {
  const found = listOperations(spec).flatMap(({ operation }) =>
    Object.entries(operation.callbacks ?? {}).flatMap(([name, callback]) =>
      Object.entries(deref(spec, callback)).flatMap(([expression, pathItem]) =>
        Object.entries(pathItem)
          .filter(([method]) => method !== 'parameters')
          .map(([method, callbackOperation]) => ({ name, expression, method, operation: callbackOperation })),
      ),
    ),
  )
  if (found.length !== 1) {
    throw new Error(
      `the spec must describe exactly one delivery (a callback operation), found ${found.length}: ` +
        'the receiver, the sandbox and the mock read it as the delivery contract',
    )
  }
  return found[0]
}

/** The envelope every event schema extends: the one `allOf` $ref all of them share. */
function envelopeRef(spec, eventRefs) {
  const refsOf = (ref) =>
    (deref(spec, { $ref: ref }).allOf ?? []).filter((part) => part.$ref).map((p) => p.$ref)
  const [first, ...rest] = eventRefs.map(refsOf)
  const shared = (first ?? []).filter((ref) => rest.every((refs) => refs.includes(ref)))
  if (shared.length !== 1) {
    throw new Error(
      `every event schema of the delivery must extend one envelope schema (allOf: [$ref]); found ${shared.length} shared`,
    )
  }
  return shared[0]
}

/** The `data` schema of one event schema: its own `properties.data`, or that of an `allOf` part. */
function dataSchemaOf(spec, eventSchema) {
  const parts = [eventSchema, ...(eventSchema.allOf ?? []).map((part) => deref(spec, part))]
  const owner = parts.filter((part) => part.properties?.data).at(-1)
  if (!owner) throw new Error('an event schema of the delivery declares no `data`')
  return owner.properties.data
}

/** Everything the generated delivery module holds, read from the spec. */
export function describeDelivery(spec) {
  const { operation, method, expression } = deliveryCallback(spec)
  // Each header keyed by its parameter's name in components.parameters (or its own name when inline).
  const keyed = (operation.parameters ?? []).map((raw) => {
    const parameter = deref(spec, raw)
    return [raw.$ref ? raw.$ref.split('/').at(-1) : parameter.name, parameter]
  })
  const headers = keyed.filter(([, p]) => p.in === 'header').map(([, p]) => p)
  const keyHostsHeader = headers.find((p) => p['x-key-hosts'])
  if (!keyHostsHeader) throw new Error('a delivery header must list the allowed key hosts in `x-key-hosts`')
  const [contentType, media] = Object.entries(deref(spec, operation.requestBody).content)[0]
  const union = deref(spec, media.schema)
  const mapping = union.discriminator?.mapping
  if (union.discriminator?.propertyName !== 'type' || !mapping) {
    throw new Error('the delivery body must be a oneOf with a discriminator on `type` and its mapping')
  }
  const eventTypes = Object.keys(mapping).sort()
  const envelope = envelopeRef(spec, Object.values(mapping))
  const events = eventTypes.map((type) => {
    const schema = deref(spec, { $ref: mapping[type] })
    if (schema.example === undefined) {
      throw new Error(`${schemaName(mapping[type])} (${type}) needs an example: tools and tests deliver it`)
    }
    return { type, schemaRef: mapping[type], data: dataSchemaOf(spec, schema), example: schema.example }
  })
  const servers = Object.fromEntries(
    (spec.servers ?? []).map((server) => {
      if (!server['x-environment']) throw new Error(`server ${server.url} needs an x-environment name`)
      return [server['x-environment'], server.url]
    }),
  )
  return {
    method: method.toUpperCase(),
    expression,
    contentType,
    headerNames: Object.fromEntries(
      keyed.filter(([, p]) => p.in === 'header').map(([key, p]) => [key, p.name]),
    ),
    fixedHeaders: {
      ...Object.fromEntries(
        headers.filter((p) => p.schema?.enum?.length === 1).map((p) => [p.name, p.schema.enum[0]]),
      ),
      'Content-Type': contentType,
    },
    keyHosts: keyHostsHeader['x-key-hosts'],
    servers,
    envelopeRef: envelope,
    envelopeFields: deref(spec, { $ref: envelope }).required ?? [],
    events,
  }
}

const json = (value, indent = '') => JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`)

function deliveryModuleSource(delivery) {
  const dataTypes = delivery.events.map(({ type, data, schemaRef }) => {
    const target = data.$ref
      ? `components['schemas'][${JSON.stringify(schemaName(data.$ref))}]`
      : `components['schemas'][${JSON.stringify(schemaName(schemaRef))}]['data']`
    return `  ${JSON.stringify(type)}: ${target}`
  })
  return `import type { components } from './openapi.js'

/**
 * What flexEngage sends to a webhook's endpoint: the spec's \`delivery\` callback
 * (${delivery.method} ${delivery.expression}).
 */
export const delivery = {
  method: ${JSON.stringify(delivery.method)},
  contentType: ${JSON.stringify(delivery.contentType)},
  /** Header names, by their parameter names in the spec (\`components.parameters\`). */
  headerNames: ${json(delivery.headerNames, '  ')},
  /** Headers whose value the spec fixes, as every delivery (and every recorded attempt) carries them. */
  fixedHeaders: ${json(delivery.fixedHeaders, '  ')},
  /** The only hosts a delivery's key may be fetched from, by environment. */
  keyHosts: ${json(delivery.keyHosts, '  ')},
  /** The envelope's fields, in the order the spec lists them as required. */
  envelopeFields: ${json(delivery.envelopeFields, '  ')},
} as const

/** The API's base URLs, by environment (the spec's \`servers\`). */
export const serverUrls = ${json(delivery.servers)} as const

/** The event types the spec lists (its delivery body's discriminator mapping), sorted. */
export const listedEventTypes = ${JSON.stringify(delivery.events.map((e) => e.type))} as const

/** The spec's example delivery of each listed event type. */
export const deliveryExamples = ${json(Object.fromEntries(delivery.events.map((e) => [e.type, e.example])))} as const

/** The \`data\` of each listed event type, as the spec declares it. */
export interface EventDataByType {
${dataTypes.join('\n')}
}
`
}

function validatorsSource(spec, delivery) {
  const schemas = {
    envelope: { $ref: delivery.envelopeRef },
    ...Object.fromEntries(delivery.events.map((e, index) => [`data${index}`, e.data])),
  }
  return standaloneValidators(spec, schemas, { formatsFrom: '../formats.js' })
}

function validatorIndexSource(delivery) {
  const entries = delivery.events.map((e, index) => `  ${JSON.stringify(e.type)}: v.data${index},`)
  return `import * as v from './delivery-validators.js'

/** The envelope every delivery carries, whatever its type. */
export const validateEnvelope = v.envelope

/** Each listed event type's payload (\`data\`) validator. */
export const eventDataValidators = {
${entries.join('\n')}
} as const
`
}

/** `{ file name: source }` of the generated delivery module and its validators. */
export function deliverySources(spec) {
  const delivery = describeDelivery(spec)
  const validators = validatorsSource(spec, delivery)
  return {
    'delivery.ts': deliveryModuleSource(delivery),
    'delivery-validators.js': validators.js,
    'delivery-validators.d.ts': validators.dts,
    'delivery-validation.ts': validatorIndexSource(delivery),
  }
}
