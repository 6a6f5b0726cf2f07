// @ts-check
// MSW 3's setupServer with the mock's handlers (MSW 3 installed beside the packed packages).
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { createFlexEngageMock } from '@flexengage/webhooks-mock-handlers'
import { createHandlers } from '@flexengage/webhooks-mock-handlers/msw'
import { setupServer } from 'msw/node'

const mock = createFlexEngageMock({ seed: 1 })
const server = setupServer(...createHandlers(mock))
server.listen({ onUnhandledRequest: 'error' })
try {
  const fe = new FlexEngageWebhooks({ brandId: 'ACME', token: 'runtime' })
  const created = await fe.webhooks.create({ endpoint: 'https://example.com/msw3', events: ['NOTIFICATION'] })
  const read = await fe.webhooks.get(created.id)
  if (
    read.endpoint !== 'https://example.com/msw3' ||
    mock.store.findWebhook('ACME', created.id) === undefined
  ) {
    throw new Error('msw 3: the mock did not answer as the spec says')
  }
  console.log('created and read a webhook through setupServer')
} finally {
  server.close()
}
