// No route shadowing: `/items/{id}` must never catch `/items/all`, whatever order the spec lists them in.
import { expect, test } from 'vitest'
import { operationTableSource } from '../generate/operation-table.mjs'

const ok = { '200': { description: 'ok' } }
const spec = {
  openapi: '3.0.3',
  info: { title: 'routes', version: '1' },
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: ok,
      },
    },
    '/items/{id}/parts': {
      get: {
        operationId: 'listParts',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: ok,
      },
    },
    '/items/all': { get: { operationId: 'listAllItems', responses: ok } },
    '/items/all/parts': { get: { operationId: 'listAllParts', responses: ok } },
  },
  components: { schemas: {} },
}

test('static segments are matched before parameters at the same position', () => {
  const source = operationTableSource(spec)
  const order = JSON.parse(/routeOrder = (\[.*\]) as const/.exec(source)?.[1] ?? '[]')
  expect(order.indexOf('listAllItems')).toBeLessThan(order.indexOf('getItem'))
  expect(order.indexOf('listAllParts')).toBeLessThan(order.indexOf('listParts'))
})
