// Bundled by the browser test: MSW's worker answers the generated fetch client in a real Chromium.
import { createWebhooksApi } from '@flexengage/webhooks-fetch-client'
import { setupWorker } from 'msw/browser'
import { createFlexEngageMock } from '../../src/index.js'
import { createHandlers } from '../../src/msw.js'

const brandId = 'ACME'
const log = (line: string) => {
  const item = document.createElement('li')
  item.textContent = line
  document.querySelector('#log')?.append(item)
}

async function run() {
  const worker = setupWorker(...createHandlers(createFlexEngageMock({ seed: 5 })))
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    onUnhandledRequest: 'error',
    quiet: true,
  })
  const api = createWebhooksApi({ token: 'browser-token' })
  const created = await api.createWebhook({
    brandId,
    webhookRequest: { endpoint: 'https://example.com/browser', events: ['NOTIFICATION.SMS'] },
  })
  log(`created ${created.endpoint} enabled=${created.enabled}`)
  log(`listed ${(await api.listWebhooks({ brandId })).map((w) => w.endpoint).join(',')}`)
  const disabled = await api.updateWebhook({
    brandId,
    id: created.id,
    webhookPatchRequest: { enabled: false },
  })
  log(`disabled enabled=${disabled.enabled}`)
  await api.deleteWebhook({ brandId, id: created.id })
  log('deleted')
  const afterDelete = await api.listWebhooks({ brandId }).then(
    () => 'still listed',
    (error: { status?: number }) => `list after delete answered ${error.status}`,
  )
  log(afterDelete)
}

run().then(
  () => document.body.setAttribute('data-state', 'done'),
  (error: unknown) => {
    log(`error: ${String(error)}`)
    document.body.setAttribute('data-state', 'failed')
  },
)
