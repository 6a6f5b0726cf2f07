// Checks a captured delivery against the spec's delivery callback with Ajv over the spec itself (not
// the generated validators): every header parameter's schema, and the body against the event schema
// its `type` maps to (the envelope for a type the spec does not list). For contract tests.
import { deliveryCallback, describeDelivery } from '../spec/delivery.mjs'
import { createSpecAjv } from './document.mjs'
import { resolvePointer } from './walk.mjs'

/** A function `({ headers, body }) => problems[]`; headers by any case, body the raw text. */
export function deliveryChecker(spec) {
  const ajv = createSpecAjv(spec)
  const delivery = describeDelivery(spec)
  const ref = (pointer) => pointer.replace('#/components/schemas/', 'spec#/definitions/')
  const bodyValidator = (type) => {
    const event = delivery.events.find((e) => e.type === type)
    return ajv.getSchema(ref(event ? event.schemaRef : delivery.envelopeRef))
  }
  const headerParameters = (deliveryCallback(spec).operation.parameters ?? [])
    .map((p) => (p.$ref ? resolvePointer(spec, p.$ref) : p))
    .filter((p) => p.in === 'header')
  return ({ headers, body }) => {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
    const problems = []
    for (const parameter of headerParameters) {
      const value = lower[parameter.name.toLowerCase()]
      if (value === undefined) {
        if (parameter.required) problems.push(`header ${parameter.name} is missing`)
        continue
      }
      const validate = ajv.compile(parameter.schema)
      if (!validate(value)) problems.push(`header ${parameter.name}: ${ajv.errorsText(validate.errors)}`)
    }
    if (lower['content-type'] !== delivery.contentType) {
      problems.push(`content-type is ${lower['content-type']}, not ${delivery.contentType}`)
    }
    let parsed
    try {
      parsed = JSON.parse(body)
    } catch {
      return [...problems, 'the body is not JSON']
    }
    const validate = bodyValidator(parsed?.type)
    if (!validate(parsed)) problems.push(`body (${parsed?.type}): ${ajv.errorsText(validate.errors)}`)
    return problems
  }
}
