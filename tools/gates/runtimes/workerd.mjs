// @ts-check
// Runs worker.mjs (bundled as wrangler would ship it) inside workerd through Miniflare: a signed
// delivery is verified, its key fetched from a loopback key server, and a tampered one refused; the
// test helpers run inside workerd too.
import { generateKeyPairSync } from 'node:crypto'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { importPrivateKeyPem, signDelivery } from '@flexengage/webhooks/receiver'
// @ts-expect-error miniflare is installed beside the packed packages, not in the workspace
import { Miniflare } from 'miniflare'
import { sampleEnvelope, tamper } from './sample.mjs'

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const keyServer = createServer((_request, response) =>
  response.end(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
)
keyServer.listen(0, '127.0.0.1')
await once(keyServer, 'listening')
const { body, headers } = await signDelivery({
  envelope: sampleEnvelope(),
  privateKey: await importPrivateKeyPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
  keyUrl: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (keyServer.address()).port}/key.pem`,
})
const mf = new Miniflare({
  modules: true,
  script: readFileSync('worker.bundle.js', 'utf8'),
  compatibilityDate: '2025-09-01',
  // Without it Miniflare fetches request.cf data from workers.cloudflare.com (outside vitest): no host
  // but this machine is ever contacted.
  cf: false,
})
try {
  const deliver = (/** @type {Uint8Array<ArrayBuffer>} */ bytes) =>
    mf.dispatchFetch('http://worker/hooks', { method: 'POST', headers, body: bytes })
  const valid = await deliver(body)
  const tampered = await deliver(tamper(body))
  const refused = await tampered.json()
  if (valid.status !== 200 || tampered.status !== 400 || refused.error !== 'signature_mismatch') {
    throw new Error(`workerd: valid ${valid.status}, tampered ${tampered.status} ${JSON.stringify(refused)}`)
  }
  const selfTest = await (await mf.dispatchFetch('http://worker/self-test')).text()
  if (selfTest !== '200 400')
    throw new Error(`workerd: the test signer's delivery and its tampered copy answered ${selfTest}`)
  console.log(
    'a signed delivery verified (200), a tampered one refused (400 signature_mismatch); the test signer works inside workerd',
  )
} finally {
  await mf.dispose()
  keyServer.close()
}
