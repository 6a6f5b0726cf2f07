// The drill's scripted spec edits. Each finds its target in the spec (nothing is named that the spec
// could rename) and returns what it changed, for the drill's expectations.

const schemaName = (ref) => ref.split('/').at(-1)
const operationsOf = (spec) =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => method !== 'parameters')
      .map(([method, operation]) => ({ path, method, operation })),
  )
const jsonSchema = (holder) => holder?.content?.['application/json']?.schema

/** The same spec with its top-level keys in the opposite order. */
export function reverseKeyOrder(spec) {
  const entries = Object.entries(spec).reverse()
  for (const [key] of entries) delete spec[key]
  for (const [key, value] of entries) spec[key] = value
}

/**
 * (a)+(b): an optional field on the schema a create sends and the schema it answers with, and a new
 * operation beside the webhook it counts for (that operation's path, plus /stats).
 */
export function addOptionalFieldAndOperation(spec) {
  const create = operationsOf(spec).find(({ operation }) => operation.callbacks)
  const label = { type: 'string', maxLength: 64, description: 'A name for people; not used by flexEngage.' }
  const requestSchema = schemaName(jsonSchema(create.operation.requestBody).$ref)
  const [, created] = Object.entries(create.operation.responses).find(([status]) => status.startsWith('2'))
  const responseSchema = schemaName(jsonSchema(created).$ref)
  spec.components.schemas[requestSchema].properties.label = label
  spec.components.schemas[responseSchema].properties.label = label
  spec.components.schemas.WebhookStats = {
    type: 'object',
    description: 'Delivery counts of a webhook.',
    required: ['delivered', 'failed'],
    properties: { delivered: { type: 'integer', minimum: 0 }, failed: { type: 'integer', minimum: 0 } },
  }
  const read = operationsOf(spec).find(
    ({ method, operation, path }) =>
      method === 'get' &&
      path.endsWith('}') &&
      jsonSchema(operation.responses['200'])?.$ref === `#/components/schemas/${responseSchema}`,
  )
  const path = `${read.path}/stats`
  spec.paths[path] = {
    parameters: spec.paths[read.path].parameters,
    get: {
      tags: read.operation.tags,
      operationId: 'getWebhookStats',
      summary: 'Get the delivery counts of a webhook',
      description: 'Counts the events delivered to a webhook and those that failed.',
      responses: {
        200: {
          description: 'The counts',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/WebhookStats' },
              examples: { counts: { summary: 'Some deliveries', value: { delivered: 41, failed: 2 } } },
            },
          },
        },
        401: { $ref: '#/components/responses/Unauthorized' },
        404: { $ref: '#/components/responses/EventNotFound' },
      },
    },
  }
  return { field: 'label', operationId: 'getWebhookStats', path, webhookSchema: responseSchema }
}

/** The delivery body: the schema the one callback sends, a oneOf with a discriminator mapping. */
function deliveryBody(spec) {
  for (const { operation } of operationsOf(spec)) {
    for (const callback of Object.values(operation.callbacks ?? {})) {
      for (const pathItem of Object.values(callback)) {
        const ref = jsonSchema(Object.values(pathItem)[0].requestBody).$ref
        return spec.components.schemas[schemaName(ref)]
      }
    }
  }
  throw new Error('the spec describes no delivery')
}

/** (e): a new event type with its payload schema and an example, joined to the delivery body. */
export function addEventType(spec) {
  const body = deliveryBody(spec)
  const [firstMember] = Object.values(body.discriminator.mapping)
  const envelope = spec.components.schemas[schemaName(firstMember)].allOf.find((part) => part.$ref)
  const type = 'DRILL.ORDER.SHIPPED'
  const data = { orderId: 'A-1001', total: 42.5 }
  spec.components.schemas.DrillShippedData = {
    type: 'object',
    required: ['orderId'],
    properties: { orderId: { type: 'string', minLength: 1 }, total: { type: 'number' } },
  }
  spec.components.schemas.DrillShippedEvent = {
    description: `\`${type}\`: an order was shipped (a drill).`,
    allOf: [
      envelope,
      {
        type: 'object',
        required: ['data'],
        properties: { data: { $ref: '#/components/schemas/DrillShippedData' } },
      },
    ],
    example: { ...structuredClone(spec.components.schemas[schemaName(firstMember)].example), type, data },
  }
  body.oneOf.push({ $ref: '#/components/schemas/DrillShippedEvent' })
  body.discriminator.mapping[type] = '#/components/schemas/DrillShippedEvent'
  return { type, requiredField: 'orderId', example: spec.components.schemas.DrillShippedEvent.example }
}

/** What a consumer writes against the regenerated packages: each addition is typed. */
export function consumerSource({ field, operationId, event }) {
  const group = event.type.split('.')[0]
  return `import { FlexEngageWebhooks, type Webhook } from '@flexengage/webhooks'
import { createReceiver } from '@flexengage/webhooks/receiver'
import type { components, Webhook as SpecWebhook } from '@flexengage/webhooks-types'

declare const fe: FlexEngageWebhooks
const created: Webhook = await fe.webhooks.create({ endpoint: 'https://example.com/x', events: ['A'], ${field}: 'x' })
const value: string | undefined = created.${field}
const same: SpecWebhook = created
const stats: components['schemas']['WebhookStats'] = await fe.request('${operationId}', { path: { id: created.id } })
createReceiver({
  on: {
    '${event.type}': (e) => {
      const id: string = e.data.${event.requiredField}
      void id
    },
    '${group}': (e) => {
      if (e.type === '${event.type}') void (e.data.${event.requiredField} satisfies string)
    },
    // @ts-expect-error a type the spec does not list
    '${event.type}_MISSPELT': () => undefined,
  },
})
export { same, stats, value }
`
}

/** (c): the last field of the first success response's named schema, from the schema and its examples. */
export function removeResponseField(spec) {
  for (const { operation } of operationsOf(spec)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const ref = jsonSchema(response)?.$ref
      const schema = ref && spec.components.schemas[schemaName(ref)]
      if (!status.startsWith('2') || !schema?.properties) continue
      const field = Object.keys(schema.properties).at(-1)
      delete schema.properties[field]
      schema.required = schema.required?.filter((name) => name !== field)
      if (schema.required?.length === 0) delete schema.required
      removeFromExamples(spec, ref, field)
      return field
    }
  }
  throw new Error('(c) found no success response with a named schema')
}

/** The maintainer also drops the field from the examples of every body of that schema (or a list of it). */
function removeFromExamples(spec, ref, field) {
  const strip = (value) => {
    for (const item of Array.isArray(value) ? value : [value])
      if (item && typeof item === 'object') delete item[field]
  }
  for (const { operation } of operationsOf(spec)) {
    for (const response of Object.values(operation.responses ?? {})) {
      const media = response.content?.['application/json']
      if (media?.schema?.$ref !== ref && media?.schema?.items?.$ref !== ref) continue
      for (const example of Object.values(media.examples ?? {})) {
        strip(example.$ref ? spec.components.examples[schemaName(example.$ref)].value : example.value)
      }
      if (media.example) strip(media.example)
    }
  }
}

/** (d): the first optional query parameter, renamed. */
export function renameQueryParameter(spec) {
  for (const { operation } of operationsOf(spec)) {
    const parameter = operation.parameters?.find((p) => p.in === 'query' && !p.required)
    if (!parameter) continue
    const from = parameter.name
    parameter.name = `${from}Renamed`
    return { from, to: parameter.name }
  }
  throw new Error('(d) found no optional query parameter')
}

/** (f): the first required field of the first listed event type's payload, from the schema and its example. */
export function removeRequiredPayloadField(spec) {
  const body = deliveryBody(spec)
  const [type, ref] = Object.entries(body.discriminator.mapping)[0]
  const event = spec.components.schemas[schemaName(ref)]
  const dataRef = event.allOf.find((part) => part.properties?.data).properties.data.$ref
  const data = spec.components.schemas[schemaName(dataRef)]
  const [field] = data.required
  delete data.properties[field]
  data.required = data.required.filter((name) => name !== field)
  delete event.example.data[field]
  return { type, field }
}
