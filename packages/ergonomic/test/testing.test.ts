// @flexengage/webhooks/testing against the toolkit's own receiver: every listed type and an unlisted
// one accepted; other bytes with the same signature, a stale delivery and another signer's refused.
import { listedEventTypes } from '@flexengage/webhooks-types'
import { describe, expect, test } from 'vitest'
import { createReceiver, type VerifiedEvent } from '../src/receiver/index.js'
import { createTestSigner, testEvent } from '../src/testing/index.js'

async function setup() {
  const signer = await createTestSigner()
  const handled: VerifiedEvent[] = []
  const receiver = createReceiver({
    ...signer.trust,
    on: { '*': (event) => void handled.push(event) },
    unlisted: { '*': (event) => void handled.push(event) },
  })
  return { signer, receiver, handled }
}

describe('a test signer', () => {
  test('signs deliveries of every listed type, and of an unlisted one, that the receiver accepts', async () => {
    const { signer, receiver, handled } = await setup()
    for (const type of [...listedEventTypes, 'ORDER_EVENTS.OMS.SOMETHING_NEW']) {
      const signed = await signer.delivery(type)
      const result = await receiver.receive(signed)
      expect([type, result.status, result.outcome]).toEqual([type, 200, 'handled'])
    }
    expect(handled.map((event) => event.type)).toEqual([
      ...listedEventTypes,
      'ORDER_EVENTS.OMS.SOMETHING_NEW',
    ])
  })

  test('overrides apply; the receiver gets exactly the event that was signed', async () => {
    const { signer, receiver, handled } = await setup()
    const [type] = listedEventTypes
    const signed = await signer.delivery(type, { brandId: 'OTHER' })
    await receiver.receive(signed)
    expect(handled).toEqual([signed.event])
    expect(handled[0]?.brandId).toBe('OTHER')
  })

  test('any exact bytes can be signed: other whitespace and key order are accepted as sent', async () => {
    const { signer, receiver } = await setup()
    const event = testEvent(listedEventTypes[0])
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(event).reverse()), null, 2)
    const result = await receiver.receive(await signer.sign(event, { body: reordered }))
    expect(result.outcome).toBe('handled')
  })

  test('tampered, stale and another signer’s deliveries are refused; none reaches a handler', async () => {
    const { signer, receiver, handled } = await setup()
    const other = await createTestSigner()
    const [type] = listedEventTypes
    const tampered = await receiver.receive(signer.tampered(await signer.delivery(type)))
    const stale = await receiver.receive(await signer.stale(type))
    const foreign = await receiver.receive(await other.delivery(type))
    expect([tampered.status, JSON.parse(tampered.body).error]).toEqual([400, 'signature_mismatch'])
    expect([stale.status, JSON.parse(stale.body).error]).toEqual([400, 'stale_delivery'])
    expect(foreign.outcome).toBe('rejected')
    expect(handled).toEqual([])
  })

  test('a delivery as a Request, for receiver.fetch', async () => {
    const { signer, receiver } = await setup()
    const response = await receiver.fetch(signer.request(await signer.delivery(listedEventTypes[0])))
    expect(response.status).toBe(200)
  })
})
