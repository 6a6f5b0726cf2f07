import { fileURLToPath } from 'node:url'
import { describeDelivery } from '@flexengage/tools/delivery'
import { collectExamples, createSpecAjv, loadSpec, toAjvSchema } from '@flexengage/tools/spec'
import { listOperations, resolvePointer } from '@flexengage/tools/spec-walk'
import { describe, expect, test } from 'vitest'

const spec = loadSpec(fileURLToPath(new URL('../openapi.yaml', import.meta.url)))
const operations = listOperations(spec)
type Parameter = { name: string; schema: unknown }
const byId = new Map(operations.map((op) => [op.operation.operationId, op]))

// Transcribed from the provider's reference (seeds/000_ec62c60e2de15006.txt): the spec must keep
// each of these; what the provider adds later (operations, statuses) joins them without a test edit.
// updateWebhook adds 200: the reference's "204 with a body" is modelled as 204 (no content) + 200.
const documented = {
  createWebhook: ['POST /v1/{brandId}/webhooks', [201, 401, 403, 409, 422, 429, 500]],
  listWebhooks: ['GET /v1/{brandId}/webhooks', [200, 401, 403, 404, 429, 500]],
  getWebhook: ['GET /v1/{brandId}/webhooks/{id}', [200, 401, 403, 404, 429, 500]],
  updateWebhook: ['PATCH /v1/{brandId}/webhooks/{id}', [200, 204, 401, 403, 404, 429, 500]],
  deleteWebhook: ['DELETE /v1/{brandId}/webhooks/{id}', [204, 401, 403, 404, 429, 500]],
  listWebhookEvents: ['GET /v1/{brandId}/webhooks/{id}/events', [200, 401, 403, 404, 429, 500]],
  getWebhookEvent: ['GET /v1/{brandId}/webhooks/{id}/events/{eventId}', [200, 401, 403, 404, 429, 500]],
  retryWebhookEvent: [
    'POST /v1/{brandId}/webhooks/{id}/events/{eventId}/retry',
    [202, 401, 403, 404, 429, 500],
  ],
} as const

describe('operations', () => {
  test("every operation of the provider's reference, each on its method and path", () => {
    expect([...byId.keys()]).toEqual(expect.arrayContaining(Object.keys(documented)))
    for (const [id, [route]] of Object.entries(documented)) {
      const op = byId.get(id)
      expect(`${op?.method.toUpperCase()} ${op?.path}`, id).toBe(route)
    }
  })

  test.each(Object.entries(documented))('%s declares every documented status', (id, [, statuses]) => {
    const declared = Object.keys(byId.get(id)?.operation.responses ?? {}).map(Number)
    expect(declared).toEqual(expect.arrayContaining([...statuses]))
  })

  test('every operation is tagged Webhooks and secured by the global bearer scheme', () => {
    expect(spec.security).toEqual([{ bearerAuth: [] }])
    expect(spec.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    for (const { operation } of operations) {
      expect(operation.tags).toEqual(['Webhooks'])
      expect(operation.security).toBeUndefined()
    }
  })

  test('both servers, test first', () => {
    expect(spec.servers.map((s: { url: string }) => s.url)).toEqual([
      'https://api.flexengage-test.com',
      'https://api.flexengage.com',
    ])
  })

  test('201 of createWebhook carries a Location uri header', () => {
    const created = byId.get('createWebhook')?.operation.responses['201']
    expect(created.headers.Location.schema).toEqual({ type: 'string', format: 'uri' })
  })

  test('ids are uuids, start/end are date-times, size is an integer', () => {
    const params = Object.fromEntries(
      (Object.values(spec.components.parameters) as Parameter[]).map((p: Parameter) => [p.name, p.schema]),
    )
    expect(params.id).toEqual({ type: 'string', format: 'uuid' })
    expect(params.eventId).toEqual({ type: 'string', format: 'uuid' })
    const query = Object.fromEntries(
      byId.get('listWebhookEvents')?.operation.parameters.map((p: Parameter) => [p.name, p.schema]),
    )
    expect(query).toMatchObject({
      size: { type: 'integer' },
      start: { type: 'string', format: 'date-time' },
      end: { type: 'string', format: 'date-time' },
      startId: { type: 'string', format: 'uuid' },
    })
  })
})

describe('examples', () => {
  const ajv = createSpecAjv(spec)
  const examples = collectExamples(spec)

  test('the reference examples are all attached', () => {
    const where = examples.map((e) => e.where).join('\n')
    for (const expected of [
      /POST \/v1\/\{brandId\}\/webhooks request/,
      /POST \/v1\/\{brandId\}\/webhooks 201/,
      /POST \/v1\/\{brandId\}\/webhooks 409/,
      /POST \/v1\/\{brandId\}\/webhooks 422/,
      /POST \/v1\/\{brandId\}\/webhooks 500/,
      /GET \/v1\/\{brandId\}\/webhooks 200/,
      /GET \/v1\/\{brandId\}\/webhooks 404/,
      /GET \/v1\/\{brandId\}\/webhooks\/\{id\} 200/,
      /GET \/v1\/\{brandId\}\/webhooks\/\{id\} 404/,
      /PATCH \/v1\/\{brandId\}\/webhooks\/\{id\} request/,
      /PATCH \/v1\/\{brandId\}\/webhooks\/\{id\} 200/,
      /DELETE \/v1\/\{brandId\}\/webhooks\/\{id\} 404/,
      /GET \/v1\/\{brandId\}\/webhooks\/\{id\}\/events 200/,
      /GET \/v1\/\{brandId\}\/webhooks\/\{id\}\/events\/\{eventId\} 200/,
      /POST \/v1\/\{brandId\}\/webhooks\/\{id\}\/events\/\{eventId\}\/retry 404/,
      /components\.schemas\.EventEnvelope/,
    ]) {
      expect(where).toMatch(expected)
    }
  })

  test.each(examples.map((e) => [e.where, e] as const))('%s validates against its schema', (_, example) => {
    const validate = ajv.compile(toAjvSchema(example.schema))
    expect(validate(example.value), ajv.errorsText(validate.errors)).toBe(true)
  })

  test('the validator really rejects a wrong example (a uuid that is not one, an empty events list)', () => {
    const webhook = ajv.compile(toAjvSchema({ $ref: '#/components/schemas/WebhookResponse' }))
    const example = resolvePointer(spec, '#/components/examples/Webhook').value
    expect(webhook(example)).toBe(true)
    expect(webhook({ ...example, id: 'not-a-uuid' })).toBe(false)
    const request = ajv.compile(toAjvSchema({ $ref: '#/components/schemas/WebhookRequest' }))
    expect(request({ endpoint: 'https://example.com/hook', events: [] })).toBe(false)
    expect(request({ endpoint: 'https://example.com/hook', events: ['notification sms'] })).toBe(false)
  })
})

describe('schemas', () => {
  const ajv = createSpecAjv(spec)
  const schema = (name: string) => ajv.compile(toAjvSchema({ $ref: `#/components/schemas/${name}` }))

  test('event types are dot-separated hierarchical names', () => {
    const eventType = schema('EventType')
    for (const ok of [
      'NOTIFICATION',
      'NOTIFICATION.SMS',
      'NOTIFICATION.SMS.RECEIPT',
      'ORDER_EVENTS.OMS.ORDER_CREATED',
    ]) {
      expect(eventType(ok), ok).toBe(true)
    }
    for (const bad of ['', '.SMS', 'NOTIFICATION.', 'NOTIFICATION..SMS', 'notification.sms', 'A B']) {
      expect(eventType(bad), bad).toBe(false)
    }
  })

  test('delivery status is an open set: unknown values validate', () => {
    const summary = schema('WebhookEventSummary')
    const event = {
      id: '497f6eca-6276-4993-bfeb-53cbbbba6f08',
      type: 'NOTIFICATION.SMS.RECEIPT',
      created: '2019-08-24T14:15:22Z',
      updated: '2019-08-24T14:15:22Z',
    }
    for (const status of ['SUCCESS', 'PENDING', 'FAILURE', 'SOMETHING_NEW']) {
      expect(summary({ ...event, status })).toBe(true)
    }
  })

  test('WebhookRequest: endpoint and non-empty events required, enabled defaults to true', () => {
    const request = spec.components.schemas.WebhookRequest
    expect(request.required).toEqual(['endpoint', 'events'])
    expect(request.properties.events.minItems).toBe(1)
    expect(request.properties.enabled.default).toBe(true)
  })

  test('the SMS receipt data requires an E.164 phone number and a language-country locale', () => {
    const sms = schema('SmsReceiptData')
    expect(sms({ phoneNumber: '+15555550123', message: 'hi', locale: 'en-US' })).toBe(true)
    expect(sms({ phoneNumber: '5555550123', message: 'hi', locale: 'en-US' })).toBe(false)
    expect(sms({ phoneNumber: '+15555550123', message: 'hi', locale: 'english' })).toBe(false)
  })
})

describe('the delivery contract (createWebhook’s delivery callback)', () => {
  const delivery = describeDelivery(spec)
  const ajv = createSpecAjv(spec)
  const validatorOf = (ref: string) => ajv.compile(toAjvSchema({ $ref: ref }))

  // Transcribed from the provider's integration guide (reference/flexengage-facts.md).
  test('the documented headers, key hosts and envelope', () => {
    expect(Object.values(delivery.headerNames)).toEqual(
      expect.arrayContaining(['x-fr-wh-authorization', 'x-fr-wh-pk', 'User-Agent']),
    )
    expect(delivery.fixedHeaders).toEqual({
      'User-Agent': 'FlexEngage Webhook',
      'Content-Type': 'application/json',
    })
    expect(Object.values(delivery.keyHosts).sort()).toEqual([
      'assets.webhooks.flexengage-test.com',
      'assets.webhooks.flexengage.com',
    ])
    expect(delivery.envelopeFields).toEqual([
      'id',
      'brandId',
      'webhookId',
      'attemptId',
      'created',
      'type',
      'data',
    ])
    expect(delivery.method).toBe('POST')
  })

  test('key hosts and servers name the same environments', () => {
    expect(Object.keys(delivery.keyHosts).sort()).toEqual(Object.keys(delivery.servers).sort())
  })

  test('the discriminator maps exactly the oneOf members, and each example is of its own type', () => {
    const body = resolvePointer(spec, '#/components/schemas/DeliveryEvent')
    const members = body.oneOf.map((member: { $ref: string }) => member.$ref).sort()
    expect(Object.values(body.discriminator.mapping).sort()).toEqual(members)
    for (const event of delivery.events) {
      expect(event.example.type, event.schemaRef).toBe(event.type)
      const validate = validatorOf(event.schemaRef)
      expect(validate(event.example), ajv.errorsText(validate.errors)).toBe(true)
    }
  })

  test('the event schemas refuse what they should: a missing payload field, a malformed envelope', () => {
    for (const { schemaRef, example, data } of delivery.events) {
      const validate = validatorOf(schemaRef)
      const [required] = (data.$ref ? resolvePointer(spec, data.$ref) : data).required ?? []
      if (required) {
        const { [required]: _, ...rest } = example.data
        expect(validate({ ...example, data: rest }), `${schemaRef} without data.${required}`).toBe(false)
      }
      expect(validate({ ...example, webhookId: 'not-a-uuid' })).toBe(false)
    }
    const envelope = validatorOf(delivery.envelopeRef)
    const [first] = delivery.events
    expect(envelope({ ...first?.example, type: 'ANY.UNLISTED_TYPE', data: { any: 1 } })).toBe(true)
    expect(envelope({ ...first?.example, data: 'not an object' })).toBe(false)
  })
})
