// The delivery generator reads the contract from the spec's one callback: what it finds, and how it
// refuses a spec it cannot read (naming what to add), on small specs of its own.
import { describe, expect, test } from 'vitest'
import { describeDelivery } from '../spec/delivery.mjs'

const envelope = {
  type: 'object',
  required: ['id', 'type', 'data'],
  properties: { id: { type: 'string' }, type: { type: 'string' }, data: { type: 'object' } },
}
const event = (type: string, data: object) => ({
  allOf: [{ $ref: '#/components/schemas/Envelope' }, { properties: { type: { enum: [type] }, data } }],
  example: { id: '1', type, data: {} },
})

function specWith({
  events = { 'A.B': event('A.B', { $ref: '#/components/schemas/AbData' }) } as Record<string, object>,
  callbacks = 1,
} = {}) {
  const callback = {
    '{$request.body#/url}': {
      post: {
        parameters: [
          { $ref: '#/components/parameters/sig' },
          {
            name: 'x-key',
            in: 'header',
            schema: { type: 'string' },
            'x-key-hosts': { live: 'keys.example' },
          },
          { name: 'User-Agent', in: 'header', schema: { type: 'string', enum: ['Sender'] } },
        ],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Body' } } } },
      },
    },
  }
  return {
    servers: [{ url: 'https://api.example', 'x-environment': 'live' }],
    paths: {
      '/subscriptions': {
        post: {
          operationId: 'subscribe',
          callbacks: Object.fromEntries(Array.from({ length: callbacks }, (_, i) => [`cb${i}`, callback])),
        },
      },
    },
    components: {
      parameters: { sig: { name: 'x-sig', in: 'header', schema: { type: 'string' } } },
      schemas: {
        Envelope: envelope,
        AbData: { type: 'object' },
        ...Object.fromEntries(Object.entries(events).map(([type, schema]) => [`E_${type}`, schema])),
        Body: {
          oneOf: Object.keys(events).map((type) => ({ $ref: `#/components/schemas/E_${type}` })),
          discriminator: {
            propertyName: 'type',
            mapping: Object.fromEntries(Object.keys(events).map((t) => [t, `#/components/schemas/E_${t}`])),
          },
        },
      },
    },
  }
}

describe('describeDelivery', () => {
  test('headers by parameter name, fixed values, key hosts, servers, envelope and events', () => {
    const delivery = describeDelivery(specWith())
    expect(delivery.headerNames).toEqual({ sig: 'x-sig', 'x-key': 'x-key', 'User-Agent': 'User-Agent' })
    expect(delivery.fixedHeaders).toEqual({ 'User-Agent': 'Sender', 'Content-Type': 'application/json' })
    expect(delivery.keyHosts).toEqual({ live: 'keys.example' })
    expect(delivery.servers).toEqual({ live: 'https://api.example' })
    expect(delivery.envelopeFields).toEqual(['id', 'type', 'data'])
    expect(delivery.events.map((e: { type: string; data: unknown }) => [e.type, e.data])).toEqual([
      ['A.B', { $ref: '#/components/schemas/AbData' }],
    ])
  })

  test('event types come sorted, with an inline payload schema kept as written', () => {
    const inline = { type: 'object', required: ['n'] }
    const delivery = describeDelivery(
      specWith({ events: { 'Z.Y': event('Z.Y', inline), 'A.B': event('A.B', {}) } }),
    )
    expect(delivery.events.map((e: { type: string }) => e.type)).toEqual(['A.B', 'Z.Y'])
    expect(delivery.events[1]?.data).toEqual(inline)
  })

  test('a spec it cannot read is refused, naming what is missing', () => {
    expect(() => describeDelivery(specWith({ callbacks: 2 }))).toThrow(/exactly one delivery/)
    const noExample = { ...event('A.B', {}), example: undefined }
    expect(() => describeDelivery(specWith({ events: { 'A.B': noExample } }))).toThrow(
      /E_A\.B \(A\.B\) needs an example/,
    )
    const noEnvelope = { properties: { type: { enum: ['A.B'] }, data: {} }, example: {} }
    expect(() => describeDelivery(specWith({ events: { 'A.B': noEnvelope } }))).toThrow(
      /extend one envelope schema/,
    )
  })
})
