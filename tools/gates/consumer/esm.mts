// A consumer's ESM source, type-checked under every TypeScript and module resolution the gate tries,
// then run: the client on the mock (and openapi-fetch on the generated paths), the mock server, the
// receiver, the fetch client and the sandbox's exports.
import { FlexEngageWebhooks, matchesEventType, NotFoundError, type Webhook } from '@flexengage/webhooks'
import { createReceiver, type EventEnvelope, SignatureVerificationError } from '@flexengage/webhooks/receiver'
import { createWebhooksApi } from '@flexengage/webhooks-fetch-client'
import { createFlexEngageMock, createMockFetch } from '@flexengage/webhooks-mock-handlers'
import { createMockServer } from '@flexengage/webhooks-mock-handlers/node'
import { DEFAULT_SANDBOX_TOKEN } from '@flexengage/webhooks-sandbox'
import type { WebhookRequest } from '@flexengage/webhooks-types'
import { operationTable, type paths, serverUrls } from '@flexengage/webhooks-types'
import createClient from 'openapi-fetch'

const request: WebhookRequest = { endpoint: 'https://example.com/esm', events: ['NOTIFICATION'] }
const mockFetch = createMockFetch(createFlexEngageMock({ seed: 1 }))
const fe = new FlexEngageWebhooks({ brandId: 'ACME', token: 'consumer', fetch: mockFetch })
const created: Webhook = await fe.webhooks.create(request)
// The generated paths drive openapi-fetch too, against the same mock.
const raw = createClient<paths>({
  baseUrl: serverUrls.test,
  headers: { authorization: 'Bearer consumer' },
  fetch: (input) => mockFetch(input),
})
const listed = await raw.GET(operationTable.listWebhooks.path, { params: { path: { brandId: 'ACME' } } })
if (!listed.data?.some((webhook) => webhook.id === created.id))
  throw new Error('esm: openapi-fetch did not list the webhook')
const missing = await fe.webhooks.get('3fa85f64-5717-4562-b3fc-2c963f66afa6').catch((e: unknown) => e)
const server = await createMockServer()
await server.close()
const receiver = createReceiver({ on: { '*': (event: EventEnvelope) => void event.id } })
const refused = await receiver.receive({ body: '{}', headers: {} })
if (!(missing instanceof NotFoundError) || !matchesEventType('A', 'A.B') || refused.status !== 400)
  throw new Error('esm: wrong behaviour')
if (
  typeof createWebhooksApi !== 'function' ||
  typeof SignatureVerificationError !== 'function' ||
  !DEFAULT_SANDBOX_TOKEN
)
  throw new Error('esm: missing export')
console.log(`esm ok ${created.enabled}`)
