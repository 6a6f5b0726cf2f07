#!/usr/bin/env node
// Signature verifications per second with a warm key cache, beside a bare node:crypto verify loop
// over the same body and key (the physical limit), in one run.
import { generateKeyPairSync, verify } from 'node:crypto'
import { sampleEnvelope } from '@flexengage/tools/samples'
import {
  createVerifier,
  importPrivateKeyPem,
  SIGNATURE_HEADER,
  signDelivery,
} from '@flexengage/webhooks/receiver'
import { delivery } from '@flexengage/webhooks-types'
import { writeResults } from './results.mjs'

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
// Signed as the sandbox signs: the project's one signer, beside the verifier.
const { body, headers } = await signDelivery({
  envelope: sampleEnvelope(),
  privateKey: await importPrivateKeyPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
  keyUrl: `https://${delivery.keyHosts.production}/keys/k.pem`,
})
const bodyBytes = Buffer.from(body)
const signature = Buffer.from(headers[SIGNATURE_HEADER], 'base64')
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
const verifyDelivery = createVerifier({ keyResolver: async () => pem })
await verifyDelivery({ body, headers }) // warm the key cache

const CONCURRENCY = 8
async function perSecond(once, total) {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < total) await once()
    }),
  )
  return total / ((performance.now() - started) / 1000)
}

const bare = async () => {
  if (!verify('sha256', bodyBytes, publicKey, signature)) throw new Error('bare verify failed')
}
const ours = () => verifyDelivery({ body, headers })
const rounds = { bare: [], ours: [] }
for (let round = 0; round < 3; round++) {
  rounds.bare.push(await perSecond(bare, 20_000))
  rounds.ours.push(await perSecond(ours, 20_000))
}
const row = {
  figure: 'signature verifications/s, warm key cache',
  project: Math.max(...rounds.ours),
  peer: Math.max(...rounds.bare),
  peerName: 'bare node:crypto verify loop',
  target: '>= 0.8x',
  higherIsBetter: true,
}
console.table([
  {
    figure: row.figure,
    '@flexengage/webhooks/receiver': row.project.toFixed(0),
    'bare node:crypto': row.peer.toFixed(0),
    ratio: (row.project / row.peer).toFixed(2),
    target: row.target,
  },
])
writeResults('verify-throughput', [row])
