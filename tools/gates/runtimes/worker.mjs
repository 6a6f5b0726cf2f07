// @ts-check
// A Cloudflare Worker as a consumer writes one: the receiver's fetch adapter is the whole handler.
// `/self-test` checks the test helpers inside workerd: a test signer's delivery is accepted by a
// receiver trusting it, and its tampered copy refused.
import { createReceiver } from '@flexengage/webhooks/receiver'
import { createTestSigner } from '@flexengage/webhooks/testing'
import { listedEventTypes } from '@flexengage/webhooks-types'

const receiver = createReceiver({ trustLocalSandbox: true, on: { '*': () => undefined } })

async function selfTest() {
  const signer = await createTestSigner()
  const trusting = createReceiver({ ...signer.trust, on: { '*': () => undefined } })
  const signed = await signer.delivery(listedEventTypes[0])
  const accepted = await trusting.fetch(signer.request(signed))
  const tampered = await trusting.fetch(signer.request(signer.tampered(signed)))
  return new Response(`${accepted.status} ${tampered.status}`)
}

export default {
  fetch: (/** @type {Request} */ request) =>
    new URL(request.url).pathname === '/self-test' ? selfTest() : receiver.fetch(request),
}
