// No route shadowing: `/items/{id}` must never catch `/items/all`, whatever order the spec lists them in.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { stringify } from 'yaml'
import { generateMockHandlers } from '../generate-mock-handlers.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'route-order-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

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

test('static segments are matched before parameters at the same position', async () => {
  const specPath = join(scratch, 'spec.yaml')
  writeFileSync(specPath, stringify(spec))
  await generateMockHandlers(specPath, scratch)
  const source = readFileSync(join(scratch, 'operations.ts'), 'utf8')
  const order = JSON.parse(/routeOrder: readonly OperationId\[\] = (\[.*\])/.exec(source)?.[1] ?? '[]')
  expect(order.indexOf('listAllItems')).toBeLessThan(order.indexOf('getItem'))
  expect(order.indexOf('listAllParts')).toBeLessThan(order.indexOf('listParts'))
})
