// The delivery contract as the spec states it, read from its one callback (createWebhook's
// `delivery`): header names and fixed values, the allowed key hosts (`x-key-hosts`), the API's
// servers by environment (`x-environment`), the listed event types (the request body's discriminator
// mapping) with their payload schemas and examples, the envelope's fields, and which request field
// names the delivery URL. The generator, the spec tests, the restated-literals check and the
// delivery checker read it from here.
import { callbackOperations, deref, listOperations, schemaName } from './walk.mjs'

/**
 * The spec's one callback operation: { name, expression, method, operation, subscribedBy } where
 * `subscribedBy` is the operation that declares it (the one whose request names the delivery URL).
 */
export function deliveryCallback(spec) {
  const found = listOperations(spec).flatMap(({ operation: subscribedBy }) =>
    callbackOperations(spec, subscribedBy).map((callback) => ({ ...callback, subscribedBy })),
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
  const { operation, method, expression, subscribedBy } = deliveryCallback(spec)
  // `{$request.body#/endpoint}`: the request field whose value the delivery is sent to.
  const urlField = /^\{\$request\.body#\/(\w+)\}$/.exec(expression)?.[1]
  if (!urlField)
    throw new Error(`the delivery URL ${expression} must name a request body field: {$request.body#/field}`)
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
    subscription: { operationId: subscribedBy.operationId, urlField },
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
