import { createFlexEngageMock, createMockFetch } from '../src/index.js'
import { conformanceSuite } from './conformance.js'

const mockFetch = createMockFetch(createFlexEngageMock({ seed: 1 }))

conformanceSuite('createMockFetch', () => ({
  mock: mockFetch.mock,
  basePath: 'https://api.flexengage-test.com',
  fetch: mockFetch,
}))
