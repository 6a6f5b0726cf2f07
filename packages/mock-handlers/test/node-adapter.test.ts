import { connect } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createFlexEngageMock } from '../src/index.js'
import { createMockServer, type MockServer } from '../src/node.js'
import { conformanceSuite } from './conformance.js'

let server: MockServer
beforeAll(async () => {
  server = await createMockServer({ mock: createFlexEngageMock({ seed: 2 }) })
})
afterAll(async () => {
  await server.close()
  const refused = await new Promise<boolean>((resolve) => {
    const socket = connect(server.port, '127.0.0.1')
    socket.once('connect', () => resolve(socket.destroy() && false))
    socket.once('error', () => resolve(true))
  })
  expect(refused).toBe(true)
})

conformanceSuite('createMockServer', () => ({ mock: server.mock, basePath: server.url, fetch }))

test('binds 127.0.0.1 on a free port', () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
})
