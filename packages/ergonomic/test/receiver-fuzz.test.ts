// Property-based fuzzing of headers and body: 10,000 runs, never an untyped throw.
import fc from 'fast-check'
import { beforeAll, expect, test } from 'vitest'
import { createVerifier, SignatureVerificationError, type Verifier } from '../src/receiver/index.js'
import { envelope, generateKeyPair, type KeyPair, signBody } from './receiver-helpers.js'

let keys: KeyPair
let verify: Verifier

beforeAll(async () => {
  keys = await generateKeyPair()
  // No network in a fuzz run: every allowed URL resolves to the test key.
  verify = createVerifier({ keyResolver: async () => keys.publicPem, keyCacheSize: 8 })
})

const keyUrl = fc.oneof(
  fc.constant('https://assets.webhooks.flexengage.com/k.pem'),
  fc.webUrl(),
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    'https://assets.webhooks.flexengage.com@evil/k',
    'https://[::1]/k',
    'javascript:alert(1)',
  ),
)
const signature = fc.oneof(
  fc.base64String(),
  fc.string(),
  fc.constant(''),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64')),
)
const headerValue = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(undefined))
const body = fc.oneof(
  fc.string(),
  fc.uint8Array({ maxLength: 2048 }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constant(envelope()),
)

test('10,000 random deliveries: every failure is a SignatureVerificationError', async () => {
  let accepted = 0
  await fc.assert(
    fc.asyncProperty(
      body,
      headerValue(signature),
      headerValue(keyUrl),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
      async (payload, sig, pk, extra) => {
        const headers = { ...extra, 'x-fr-wh-authorization': sig, 'x-fr-wh-pk': pk } as Record<
          string,
          string | string[] | undefined
        >
        try {
          await verify({ body: payload, headers })
          accepted++
        } catch (error) {
          if (!(error instanceof SignatureVerificationError)) throw error
        }
      },
    ),
    { numRuns: 10_000 },
  )
  // Random signatures never verify.
  expect(accepted).toBe(0)
})

test('a correctly signed random body is accepted only when it is an envelope', async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), async (value) => {
      const payload = JSON.stringify(value)
      const headers = {
        'x-fr-wh-authorization': await signBody(payload, keys.privateKey),
        'x-fr-wh-pk': 'https://assets.webhooks.flexengage.com/k.pem',
      }
      const outcome = await verify({ body: payload, headers }).then(
        () => 'accepted',
        (error: unknown) => (error as SignatureVerificationError).reason,
      )
      expect(['not_an_envelope', 'empty_body']).toContain(outcome)
    }),
    { numRuns: 300 },
  )
})
