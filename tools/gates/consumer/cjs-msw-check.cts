// The body of the consumer's CommonJS source for the MSW adapter subpath (`module0`, imported above it).
import { createFlexEngageMock } from '@flexengage/webhooks-mock-handlers'
import { setupServer } from 'msw/node'

const server = setupServer(...module0.createHandlers(createFlexEngageMock({ seed: 1 })))
server.listen({ onUnhandledRequest: 'error' })
server.close()
console.log('cjs msw ok')
