import { setupServer } from 'msw/node'
import { afterAll, beforeAll } from 'vitest'
import { createFlexEngageMock } from '../src/index.js'
import { createHandlers } from '../src/msw.js'
import { conformanceSuite } from './conformance.js'

const mock = createFlexEngageMock({ seed: 3 })
const server = setupServer(...createHandlers(mock))
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

// The client uses the global fetch, patched by MSW after the client module was loaded.
conformanceSuite('MSW setupServer', () => ({
  mock,
  basePath: 'https://api.flexengage-test.com',
  fetch: (i, init) => fetch(i, init),
}))
