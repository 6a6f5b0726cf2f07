// The inspector's trigger form is prefilled from eventExamples: every delivery the spec shows, first
// one per type, wherever in the spec it sits; nothing that only looks like one.
import { expect, test } from 'vitest'
import { eventExamplesOf } from '../generate-operation-table.mjs'

const spec = {
  components: {
    schemas: {
      EventType: { type: 'string', pattern: '^[A-Z0-9_]+(\\.[A-Z0-9_]+)*$' },
      Envelope: { example: { type: 'ORDER.CREATED', data: { orderId: 'A-1' } } },
    },
  },
  paths: {
    '/events': {
      get: {
        responses: {
          '200': {
            content: {
              'application/json': {
                examples: {
                  first: { value: { events: [{ type: 'NOTIFICATION.SMS', data: { message: 'hi' } }] } },
                  later: { value: { type: 'ORDER.CREATED', data: { orderId: 'A-2' } } },
                  lowercase: { value: { type: 'not.a.type', data: {} } },
                  noData: { value: { type: 'ORDER.SHIPPED' } },
                },
              },
            },
          },
        },
      },
    },
  },
}

test('one example per event type, the first in the spec, wherever it is', () => {
  expect(eventExamplesOf(spec)).toEqual({
    'ORDER.CREATED': { orderId: 'A-1' },
    'NOTIFICATION.SMS': { message: 'hi' },
  })
})

test('a spec without an EventType schema has no event examples', () => {
  expect(eventExamplesOf({ paths: {} })).toEqual({})
})
