// Runs the mock's node:http adapter in its own process, as Prism runs in its own: a fair comparison.
import { createFlexEngageMock } from '@flexengage/webhooks-mock-handlers'
import { createMockServer } from '@flexengage/webhooks-mock-handlers/node'
import { seedBenchData } from './seed.mjs'

const mock = createFlexEngageMock({ seed: 1 })
seedBenchData(mock)
const server = await createMockServer({ mock })
process.send?.({ url: server.url })
process.on('disconnect', () => server.close().then(() => process.exit(0)))
