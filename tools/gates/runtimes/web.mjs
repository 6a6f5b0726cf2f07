// @ts-check
// Bun and Deno: `receiver.fetch` under their own server (Bun.serve / Deno.serve) verifies a signed
// delivery, its key served by the same server over loopback, and refuses a tampered one; the client
// runs against the in-process mock.
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { createReceiver, signDelivery } from '@flexengage/webhooks/receiver'
import { createTestSigner } from '@flexengage/webhooks/testing'
import { createFlexEngageMock, createMockFetch } from '@flexengage/webhooks-mock-handlers'
import { sampleEnvelope, tamper } from './sample.mjs'

/** @type {any} */
const runtime = globalThis
const { publicKey, privateKey } = await crypto.subtle.generateKey(
  {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  },
  true,
  ['sign', 'verify'],
)
const spki = new Uint8Array(await crypto.subtle.exportKey('spki', publicKey))
const pem = `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...spki))
  .match(/.{1,64}/g)
  ?.join('\n')}\n-----END PUBLIC KEY-----\n`
/** @type {string[]} */
const handled = []
const receiver = createReceiver({
  trustLocalSandbox: true,
  on: { '*': (event) => void handled.push(event.id) },
})
const handler = (/** @type {Request} */ request) =>
  new URL(request.url).pathname === '/key.pem' ? new Response(pem) : receiver.fetch(request)
const server = runtime.Bun
  ? runtime.Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: handler })
  : runtime.Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, handler)
const origin = `http://127.0.0.1:${runtime.Bun ? server.port : server.addr.port}`
try {
  const sample = sampleEnvelope()
  const mock = createFlexEngageMock({ seed: 1, allowHttpLoopbackEndpoints: true })
  const fe = new FlexEngageWebhooks({
    brandId: sample.brandId,
    token: 'runtime',
    fetch: createMockFetch(mock),
  })
  const webhook = await fe.webhooks.create({
    endpoint: `${origin}/hooks`,
    events: [sample.type.split('.')[0] ?? ''],
  })
  const envelope = {
    ...sample,
    id: crypto.randomUUID(),
    webhookId: webhook.id,
    attemptId: crypto.randomUUID(),
  }
  const { body, headers } = await signDelivery({ envelope, privateKey, keyUrl: `${origin}/key.pem` })
  const deliver = (/** @type {Uint8Array<ArrayBuffer>} */ bytes) =>
    fetch(webhook.endpoint, { method: 'POST', headers, body: bytes })
  const valid = await deliver(body)
  const tampered = await deliver(tamper(body))
  const refused = await tampered.json()
  if (
    valid.status !== 200 ||
    handled[0] !== envelope.id ||
    tampered.status !== 400 ||
    refused.error !== 'signature_mismatch'
  ) {
    throw new Error(`valid ${valid.status}, tampered ${tampered.status} ${JSON.stringify(refused)}`)
  }
  // The test helpers on this runtime: a test signer's delivery accepted, a stale one refused.
  const signer = await createTestSigner()
  const trusting = createReceiver({ ...signer.trust, on: { '*': () => undefined } })
  const fresh = await trusting.receive(await signer.delivery(sample.type))
  const stale = await trusting.receive(await signer.stale(sample.type))
  if (fresh.status !== 200 || stale.status !== 400) {
    throw new Error(`test signer: fresh ${fresh.status}, stale ${stale.status}`)
  }
  console.log(
    'client on the mock; signed delivery verified (200), tampered one refused (400 signature_mismatch); test signer accepted, stale refused',
  )
} finally {
  await (runtime.Bun ? server.stop(true) : server.shutdown())
}
