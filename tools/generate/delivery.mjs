// Generates the delivery contract into packages/types/src/generated (as spec/delivery.mjs reads it
// from the spec): a module of its names and examples, and precompiled validators for the envelope
// and each listed type's payload.
import { describeDelivery } from '../spec/delivery.mjs'
import { schemaName } from '../spec/walk.mjs'
import { standaloneValidators } from './ajv-standalone.mjs'

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
  /** The request that subscribes a URL to deliveries, and its field naming that URL. */
  subscription: ${json(delivery.subscription, '  ')},
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
