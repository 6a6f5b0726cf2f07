// Classifies a spec change from a consumer's point of view, operation by operation.
// Requests: what a consumer sends must still be accepted (new optional field or parameter: minor;
// new required, removed, renamed or narrowed: major). Responses: what a consumer reads must still be
// there with its type (new field: minor; removed, retyped or made optional: major). New operation:
// minor; removed: major. Deliveries (callbacks) are requests flexEngage sends to the consumer, so the
// consumer reads them like responses: a new event type or optional payload field is minor; a payload
// field removed, renamed or made optional, an event type removed, or a header changed is major. Any
// other change in meaning (descriptions, examples): patch.
import { isDeepStrictEqual } from 'node:util'
import { callbackOperations, listOperations, operationParameters, resolvePointer } from './walk.mjs'

export const LEVELS = ['none', 'patch', 'minor', 'major']
export const higherLevel = (a, b) => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b)

/**
 * The spec with every $ref replaced by what it points to (the spec's schemas are not recursive), and
 * each discriminator's mapping from its values to the schemas they name.
 */
export function dereferenced(spec) {
  const visit = (node) => {
    if (Array.isArray(node)) return node.map(visit)
    if (!node || typeof node !== 'object') return node
    if (typeof node.$ref === 'string') return visit(resolvePointer(spec, node.$ref))
    const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value)]))
    if (node.discriminator?.mapping) {
      const mapping = Object.entries(node.discriminator.mapping).map(([key, target]) => [
        key,
        visit(typeof target === 'string' ? { $ref: target } : target),
      ])
      copy.discriminator = { ...node.discriminator, mapping: Object.fromEntries(mapping) }
    }
    return copy
  }
  return visit(spec)
}

function operationsOf(resolved) {
  return new Map(
    listOperations(resolved).map(({ path, method, operation }) => {
      const parameters = operationParameters(resolved, path, operation)
      return [
        operation.operationId,
        {
          route: `${method.toUpperCase()} ${path}`,
          parameters: new Map(parameters.map((p) => [`${p.in} parameter "${p.name}"`, p])),
          requestBody: operation.requestBody,
          responses: operation.responses ?? {},
          callbacks: new Map(
            callbackOperations(resolved, operation).map((c) => [
              `${c.name} ${c.method.toUpperCase()} ${c.expression}`,
              c.operation,
            ]),
          ),
        },
      ]
    }),
  )
}

/** A schema with its `allOf` parts merged into one: properties joined, required fields united. */
function flattened(schema) {
  if (!schema?.allOf) return schema
  const { allOf, ...rest } = schema
  const merged = { ...rest, properties: { ...rest.properties }, required: [...(rest.required ?? [])] }
  for (const part of allOf.map(flattened)) {
    const { properties, required, ...keywords } = part
    Object.assign(merged, keywords)
    Object.assign(merged.properties, properties)
    merged.required.push(...(required ?? []).filter((name) => !merged.required.includes(name)))
  }
  return merged
}

const typeOf = (schema) => schema?.type ?? (schema?.properties ? 'object' : undefined)

/**
 * Compares two schemas at `where`. `reading` is true for what consumers receive (responses), false
 * for what they send (requests): the same edit is compatible one way and breaking the other.
 */
function compareSchemas(baseSchema = {}, currentSchema = {}, where, reading, report) {
  const base = flattened(baseSchema)
  const current = flattened(currentSchema)
  if (base.discriminator?.mapping && current.discriminator?.mapping) {
    return compareVariants(base, current, where, reading, report)
  }
  if (typeOf(base) !== typeOf(current)) {
    return report('major', `${where}: type ${typeOf(base) ?? 'any'} became ${typeOf(current) ?? 'any'}`)
  }
  if (base.format !== current.format) {
    report('major', `${where}: format ${base.format ?? 'none'} became ${current.format ?? 'none'}`)
  }
  if (Boolean(base.nullable) !== Boolean(current.nullable)) {
    const widened = Boolean(current.nullable)
    report(widened === reading ? 'major' : 'minor', `${where}: ${widened ? 'may now be' : 'no longer'} null`)
  }
  if (base.enum || current.enum) {
    const removed = (base.enum ?? []).filter((v) => !(current.enum ?? []).includes(v))
    const added = (current.enum ?? []).filter((v) => !(base.enum ?? []).includes(v))
    if (!current.enum) report(reading ? 'major' : 'minor', `${where}: no longer limited to a list of values`)
    else if (!base.enum) report('major', `${where}: now limited to ${JSON.stringify(current.enum)}`)
    else {
      for (const value of removed) report('major', `${where}: value ${JSON.stringify(value)} removed`)
      for (const value of added) report('minor', `${where}: value ${JSON.stringify(value)} added`)
    }
  }
  if (!reading) compareRequestConstraints(base, current, where, report)
  compareProperties(base, current, where, reading, report)
  if (base.items || current.items) compareSchemas(base.items, current.items, `${where}[]`, reading, report)
  if (!reading && base.additionalProperties !== false && current.additionalProperties === false) {
    report('major', `${where}: no longer accepts fields the spec does not name`)
  }
}

/**
 * A oneOf told apart by a discriminator (the delivery body: one schema per event type): variants
 * matched by their discriminator value. Reading, a new variant is minor and a removed one major.
 */
function compareVariants(base, current, where, reading, report) {
  const variant = (union, key) => union.discriminator.mapping[key]
  const before = Object.keys(base.discriminator.mapping)
  const after = Object.keys(current.discriminator.mapping)
  const name = base.discriminator.propertyName
  for (const key of before) {
    if (!after.includes(key)) report(reading ? 'major' : 'minor', `${where}: ${name} ${key} removed`)
    else
      compareSchemas(variant(base, key), variant(current, key), `${where} (${name} ${key})`, reading, report)
  }
  for (const key of after) {
    if (!before.includes(key)) report(reading ? 'minor' : 'major', `${where}: ${name} ${key} added`)
  }
}

/** What a server accepts: a tighter bound refuses requests that used to pass. */
function compareRequestConstraints(base, current, where, report) {
  const upper = ['maxLength', 'maximum', 'maxItems']
  const lower = ['minLength', 'minimum', 'minItems']
  for (const keyword of [...upper, ...lower]) {
    const before = base[keyword]
    const after = current[keyword]
    if (before === after) continue
    const tighter =
      after !== undefined &&
      (before === undefined || (upper.includes(keyword) ? after < before : after > before))
    report(tighter ? 'major' : 'minor', `${where}: ${keyword} ${before ?? 'none'} became ${after ?? 'none'}`)
  }
  if (base.pattern !== current.pattern) {
    report(
      current.pattern ? 'major' : 'minor',
      `${where}: pattern ${base.pattern ?? 'none'} became ${current.pattern ?? 'none'}`,
    )
  }
}

function compareProperties(base, current, where, reading, report) {
  const before = base.properties ?? {}
  const after = current.properties ?? {}
  const requiredBefore = new Set(base.required ?? [])
  const requiredAfter = new Set(current.required ?? [])
  for (const name of Object.keys(before)) {
    const field = `${where}: field "${name}"`
    if (!(name in after)) {
      report('major', `${field} removed`)
      continue
    }
    if (requiredBefore.has(name) !== requiredAfter.has(name)) {
      const nowRequired = requiredAfter.has(name)
      // Reading, a field that may now be absent breaks consumers; sending, a field now required does.
      report(
        nowRequired === reading ? 'minor' : 'major',
        `${field} is now ${nowRequired ? 'required' : 'optional'}`,
      )
    }
    compareSchemas(before[name], after[name], `${where}.${name}`, reading, report)
  }
  for (const name of Object.keys(after)) {
    if (name in before) continue
    const required = requiredAfter.has(name)
    report(
      !reading && required ? 'major' : 'minor',
      `${where}: ${required ? 'required' : 'optional'} field "${name}" added`,
    )
  }
}

function compareParameters(base, current, where, report) {
  const removed = [...base.keys()].filter((key) => !current.has(key))
  const added = [...current.keys()].filter((key) => !base.has(key))
  for (const key of removed) {
    const parameter = base.get(key)
    // The same place and schema under a new name reads as a rename.
    const renamedTo = added.find((k) => {
      const candidate = current.get(k)
      return candidate.in === parameter.in && isDeepStrictEqual(candidate.schema, parameter.schema)
    })
    report(
      'major',
      renamedTo ? `${where}: ${key} renamed to "${current.get(renamedTo).name}"` : `${where}: ${key} removed`,
    )
    if (renamedTo) added.splice(added.indexOf(renamedTo), 1)
  }
  for (const key of added) {
    const required = current.get(key).required === true
    report(required ? 'major' : 'minor', `${where}: ${required ? 'required' : 'optional'} ${key} added`)
  }
  for (const [key, parameter] of base) {
    const now = current.get(key)
    if (!now) continue
    if (Boolean(parameter.required) !== Boolean(now.required)) {
      report(
        now.required ? 'major' : 'minor',
        `${where}: ${key} is now ${now.required ? 'required' : 'optional'}`,
      )
    }
    compareSchemas(parameter.schema, now.schema, `${where}: ${key}`, false, report)
  }
}

const jsonSchemaOf = (holder) => holder?.content?.['application/json']?.schema

function compareOperation(operationId, base, current, report) {
  const where = `${operationId} (${current.route})`
  if (base.route !== current.route)
    report('major', `${operationId}: moved from ${base.route} to ${current.route}`)
  compareParameters(base.parameters, current.parameters, where, report)

  const bodyBefore = base.requestBody
  const bodyAfter = current.requestBody
  if (bodyBefore && !bodyAfter) report('major', `${where}: request body removed`)
  else if (!bodyBefore && bodyAfter) {
    report(
      bodyAfter.required ? 'major' : 'minor',
      `${where}: ${bodyAfter.required ? 'required' : 'optional'} request body added`,
    )
  } else if (bodyBefore && bodyAfter) {
    if (!bodyBefore.required && bodyAfter.required) report('major', `${where}: request body is now required`)
    compareSchemas(jsonSchemaOf(bodyBefore), jsonSchemaOf(bodyAfter), `${where} request body`, false, report)
  }

  for (const status of Object.keys(base.responses)) {
    const before = base.responses[status]
    const after = current.responses[status]
    const place = `${where} ${status} response`
    if (!after) {
      report('major', `${place} removed`)
      continue
    }
    compareSchemas(jsonSchemaOf(before), jsonSchemaOf(after), `${place} body`, true, report)
    const headersAfter = after.headers ?? {}
    for (const name of Object.keys(before.headers ?? {})) {
      if (!(name in headersAfter)) report('major', `${place}: header ${name} removed`)
    }
    for (const name of Object.keys(headersAfter)) {
      if (!(name in (before.headers ?? {}))) report('minor', `${place}: header ${name} added`)
    }
  }
  for (const status of Object.keys(current.responses)) {
    if (!(status in base.responses)) report('minor', `${where}: ${status} response added`)
  }
  compareCallbacks(base.callbacks, current.callbacks, where, report)
}

const headersOf = (operation) =>
  new Map((operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => [p.name.toLowerCase(), p]))

/**
 * What flexEngage sends the consumer: its headers (any header removed or changed is major, a new one
 * minor) and its body, read like a response.
 */
function compareCallbacks(base, current, where, report) {
  for (const [key, before] of base) {
    const place = `${where} callback ${key}`
    const after = current.get(key)
    if (!after) {
      report('major', `${place}: removed`)
      continue
    }
    const headersAfter = headersOf(after)
    for (const [name, header] of headersOf(before)) {
      const now = headersAfter.get(name)
      if (!now) report('major', `${place}: header ${header.name} removed`)
      else if (
        !isDeepStrictEqual(header.schema, now.schema) ||
        Boolean(header.required) !== Boolean(now.required)
      ) {
        report('major', `${place}: header ${header.name} changed`)
      }
    }
    for (const [name, header] of headersAfter) {
      if (!headersOf(before).has(name)) report('minor', `${place}: header ${header.name} added`)
    }
    compareSchemas(
      jsonSchemaOf(before.requestBody),
      jsonSchemaOf(after.requestBody),
      `${place} body`,
      true,
      report,
    )
  }
  for (const key of current.keys()) {
    if (!base.has(key)) report('minor', `${where} callback ${key}: added`)
  }
}

/** Component schemas no operation reaches, e.g. the delivery envelope: what receivers read. */
function deliverySchemasOf(spec, resolved) {
  const reached = new Set()
  const visit = (node) => {
    if (Array.isArray(node)) for (const item of node) visit(item)
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string' && !reached.has(node.$ref)) {
        reached.add(node.$ref)
        visit(resolvePointer(spec, node.$ref))
      }
      for (const value of Object.values(node)) visit(value)
    }
  }
  visit(spec.paths)
  return new Map(
    Object.keys(spec.components?.schemas ?? {})
      .filter((name) => !reached.has(`#/components/schemas/${name}`))
      .map((name) => [name, resolved.components.schemas[name]]),
  )
}

/**
 * Every consumer-visible change between two parsed specs, with its semver level, and the level of
 * the whole change: `none` when nothing but formatting differs.
 */
export function classifySpecChange(base, current) {
  const changes = []
  const report = (level, message) => changes.push({ level, message })
  const baseResolved = dereferenced(base)
  const currentResolved = dereferenced(current)
  const before = operationsOf(baseResolved)
  const after = operationsOf(currentResolved)
  for (const [operationId, operation] of before) {
    if (!after.has(operationId)) report('major', `${operationId} (${operation.route}): operation removed`)
    else compareOperation(operationId, operation, after.get(operationId), report)
  }
  for (const [operationId, operation] of after) {
    if (!before.has(operationId)) report('minor', `${operationId} (${operation.route}): operation added`)
  }
  // A schema no operation reached before (a delivery described outside any callback) is compared with
  // what it is now, wherever it is reached from (a callback that now describes the delivery).
  const deliveredBefore = deliverySchemasOf(base, baseResolved)
  const deliveredAfter = deliverySchemasOf(current, currentResolved)
  for (const [name, schema] of deliveredBefore) {
    const now = currentResolved.components?.schemas?.[name]
    if (!now) report('major', `schema ${name}: removed`)
    else compareSchemas(schema, now, `schema ${name}`, true, report)
  }
  for (const name of deliveredAfter.keys()) {
    if (!deliveredBefore.has(name)) report('minor', `schema ${name}: added`)
  }
  // Parsed, the specs no longer hold comments, whitespace or key order: any difference left has meaning.
  if (changes.length === 0 && !isDeepStrictEqual(base, current)) {
    report('patch', 'documentation only: descriptions, summaries or examples changed')
  }
  return { level: changes.map((c) => c.level).reduce(higherLevel, 'none'), changes }
}
