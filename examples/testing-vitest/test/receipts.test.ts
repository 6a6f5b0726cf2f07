// The app's webhook endpoint with deliveries signed by the test signer: no network, no files, and the
// same verification as in production, trusting only the signer's key.
import { createTestSigner, type TestSigner } from '@flexengage/webhooks/testing'
import { beforeAll, beforeEach, expect, test } from 'vitest'
import { createReceiptsEndpoint, type SentReceipt } from '../src/receipts.js'

let signer: TestSigner
let receipts: SentReceipt[]
let endpoint: (request: Request) => Promise<Response>

beforeAll(async () => {
  signer = await createTestSigner()
})
beforeEach(() => {
  receipts = []
  endpoint = createReceiptsEndpoint((receipt) => receipts.push(receipt), signer.trust)
})

test('a signed SMS receipt is recorded', async () => {
  const delivery = await signer.delivery('NOTIFICATION.SMS.RECEIPT', {
    data: { phoneNumber: '+15555550100', message: 'Your receipt', locale: 'en-US' },
  })
  const response = await endpoint(signer.request(delivery))
  expect(response.status).toBe(200)
  expect(receipts).toEqual([
    { eventId: delivery.event.id, phoneNumber: '+15555550100', message: 'Your receipt' },
  ])
})

test('a redelivery of the same event (a new attempt) is acknowledged and recorded once', async () => {
  const first = await signer.delivery('NOTIFICATION.SMS.RECEIPT')
  const again = await signer.sign({ ...first.event, attemptId: crypto.randomUUID() })
  expect((await endpoint(signer.request(first))).status).toBe(200)
  expect((await endpoint(signer.request(again))).status).toBe(200)
  expect(receipts.map((receipt) => receipt.eventId)).toEqual([first.event.id])
})

test('a tampered or stale delivery is refused and records nothing', async () => {
  const tampered = await endpoint(
    signer.request(signer.tampered(await signer.delivery('NOTIFICATION.SMS.RECEIPT'))),
  )
  expect(tampered.status).toBe(400)
  expect(await tampered.json()).toMatchObject({ error: 'signature_mismatch' })
  const stale = await endpoint(signer.request(await signer.stale('NOTIFICATION.SMS.RECEIPT')))
  expect(stale.status).toBe(400)
  expect(receipts).toEqual([])
})
