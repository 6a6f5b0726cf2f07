// verifyDelivery against real RSA keys and a real key server; the attack table.
import { beforeAll, describe, expect, test, vi } from 'vitest'
import {
  createVerifier,
  type DeliveryHeaders,
  type KeyResolver,
  SignatureVerificationError,
  type VerificationFailureReason,
  verifyDelivery,
} from '../src/receiver/index.js'
import {
  envelope,
  generateKeyPair,
  type KeyPair,
  signatureHeaders,
  signBody,
  useKeyServer,
} from './receiver-helpers.js'

const fixture = useKeyServer()
let otherKeys: KeyPair
beforeAll(async () => {
  otherKeys = await generateKeyPair()
})

// The default key fetch timeout (5 s) applies: only a key server that never answers ever meets it.
const sandboxVerifier = () => createVerifier({ trustLocalSandbox: true, maxBodyBytes: 4096 })
const headersFor = async (
  body: string | Uint8Array<ArrayBuffer>,
  keyUrl: string,
  privateKey = fixture.keys.privateKey,
): Promise<DeliveryHeaders> => signatureHeaders(body, privateKey, keyUrl)

async function reasonOf(promise: Promise<unknown>): Promise<VerificationFailureReason | 'accepted'> {
  try {
    await promise
    return 'accepted'
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureVerificationError)
    return (error as SignatureVerificationError).reason
  }
}

describe('valid deliveries', () => {
  test('a signed envelope verifies against the key the request names, fetched from the key server', async () => {
    const body = envelope()
    const result = await sandboxVerifier()({
      body,
      headers: await headersFor(body, fixture.server.url('/key.pem')),
    })
    // What was signed comes back, field for field.
    expect(result).toEqual(JSON.parse(body))
  })

  test('bytes, ArrayBuffer and Headers inputs; PKCS#1 PEM keys', async () => {
    const body = envelope()
    const verify = sandboxVerifier()
    const bytes = new TextEncoder().encode(body)
    const headers = new Headers(
      (await headersFor(body, fixture.server.url('/pkcs1.pem'))) as Record<string, string>,
    )
    await expect(verify({ body: bytes, headers })).resolves.toMatchObject({ id: JSON.parse(body).id })
    await expect(verify({ body: bytes.buffer as ArrayBuffer, headers })).resolves.toBeTruthy()
  })

  test('the default allowlist accepts flexEngage key hosts, resolved through an injected resolver', async () => {
    const resolver = vi.fn<KeyResolver>(async () => fixture.keys.publicPem)
    const body = envelope()
    for (const host of ['assets.webhooks.flexengage.com', 'assets.webhooks.flexengage-test.com']) {
      await expect(
        verifyDelivery({
          body,
          headers: await headersFor(body, `https://${host}/keys/2024.pem`),
          keyResolver: resolver,
        }),
      ).resolves.toBeTruthy()
    }
    expect(resolver.mock.calls.map(([url]) => url.host)).toEqual([
      'assets.webhooks.flexengage.com',
      'assets.webhooks.flexengage-test.com',
    ])
  })

  test('keys are cached by exact URL: one fetch for many deliveries', async () => {
    const resolver = vi.fn<KeyResolver>(async () => fixture.keys.publicPem)
    const verify = createVerifier({ keyResolver: resolver })
    const body = envelope()
    const headers = await headersFor(body, 'https://assets.webhooks.flexengage.com/k1.pem')
    await Promise.all(Array.from({ length: 10 }, () => verify({ body, headers })))
    await verify({ body, headers: await headersFor(body, 'https://assets.webhooks.flexengage.com/k2.pem') })
    expect(resolver).toHaveBeenCalledTimes(2)
  })
})

describe('the attack table: each refused with the right reason', () => {
  const allowed = 'https://assets.webhooks.flexengage.com/keys/k.pem'
  const body = () => envelope()
  // [name, build delivery, expected reason, verifier kind]
  const attacks: Array<
    [
      string,
      () => Promise<{ body: string | Uint8Array; headers: DeliveryHeaders }>,
      VerificationFailureReason,
      'sandbox' | 'hanging-key-server' | 'allowlist',
    ]
  > = [
    [
      'one byte of the body changed',
      async () => {
        const original = body()
        return {
          body: original.replace('Thanks', 'Thanko'),
          headers: await headersFor(original, fixture.server.url('/key.pem')),
        }
      },
      'signature_mismatch',
      'sandbox',
    ],
    [
      'a signature from another key',
      async () => ({
        body: body(),
        headers: await headersFor(body(), fixture.server.url('/key.pem'), otherKeys.privateKey),
      }),
      'signature_mismatch',
      'sandbox',
    ],
    [
      'a key URL on a foreign host',
      async () => ({ body: body(), headers: await headersFor(body(), 'https://evil.example/k.pem') }),
      'key_url_not_allowed',
      'allowlist',
    ],
    [
      'an http:// key URL on the right host',
      async () => ({
        body: body(),
        headers: await headersFor(body(), 'http://assets.webhooks.flexengage.com/k.pem'),
      }),
      'key_url_not_allowed',
      'allowlist',
    ],
    [
      'the userinfo trick',
      async () => ({
        body: body(),
        headers: await headersFor(body(), 'https://assets.webhooks.flexengage.com@evil.example/k.pem'),
      }),
      'key_url_not_allowed',
      'allowlist',
    ],
    [
      'the suffix trick',
      async () => ({
        body: body(),
        headers: await headersFor(body(), 'https://assets.webhooks.flexengage.com.evil.example/k.pem'),
      }),
      'key_url_not_allowed',
      'allowlist',
    ],
    [
      'an IP literal',
      async () => ({ body: body(), headers: await headersFor(body(), 'https://93.184.216.34/k.pem') }),
      'key_url_not_allowed',
      'allowlist',
    ],
    [
      'an IPv6 literal',
      async () => ({ body: body(), headers: await headersFor(body(), 'https://[2001:db8::1]/k.pem') }),
      'key_url_not_allowed',
      'allowlist',
    ],
    [
      'another port on the right host',
      async () => ({
        body: body(),
        headers: await headersFor(body(), 'https://assets.webhooks.flexengage.com:8443/k.pem'),
      }),
      'key_url_not_allowed',
      'allowlist',
    ],
    [
      'a key URL that is not a URL',
      async () => ({
        body: body(),
        headers: await headersFor(body(), 'assets.webhooks.flexengage.com/k.pem'),
      }),
      'key_url_not_allowed',
      'allowlist',
    ],
    [
      'a loopback key without trustLocalSandbox',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/key.pem')) }),
      'key_url_not_allowed',
      'allowlist',
    ],
    [
      'a missing signature header',
      async () => ({ body: body(), headers: { 'x-fr-wh-pk': allowed } }),
      'missing_header',
      'allowlist',
    ],
    [
      'a missing key header',
      async () => ({
        body: body(),
        headers: { 'x-fr-wh-authorization': await signBody(body(), fixture.keys.privateKey) },
      }),
      'missing_header',
      'allowlist',
    ],
    [
      'an empty signature header',
      async () => ({ body: body(), headers: { 'x-fr-wh-authorization': '', 'x-fr-wh-pk': allowed } }),
      'missing_header',
      'allowlist',
    ],
    [
      'an empty key header',
      async () => ({
        body: body(),
        headers: {
          'x-fr-wh-authorization': await signBody(body(), fixture.keys.privateKey),
          'x-fr-wh-pk': '   ',
        },
      }),
      'missing_header',
      'allowlist',
    ],
    [
      'a duplicated signature header',
      async () => ({
        body: body(),
        headers: {
          'x-fr-wh-authorization': [await signBody(body(), fixture.keys.privateKey), 'AAAA'],
          'x-fr-wh-pk': allowed,
        },
      }),
      'duplicate_header',
      'allowlist',
    ],
    [
      'a duplicated key header (joined by node)',
      async () => ({
        body: body(),
        headers: {
          'x-fr-wh-authorization': await signBody(body(), fixture.keys.privateKey),
          'x-fr-wh-pk': `${allowed}, https://evil.example/k.pem`,
        },
      }),
      'duplicate_header',
      'allowlist',
    ],
    [
      'a signature that is not Base64',
      async () => ({
        body: body(),
        headers: { 'x-fr-wh-authorization': 'not base64!!', 'x-fr-wh-pk': allowed },
      }),
      'malformed_signature',
      'allowlist',
    ],
    [
      'an empty body',
      async () => ({ body: '', headers: await headersFor('', allowed) }),
      'empty_body',
      'allowlist',
    ],
    [
      'a body over the size limit',
      async () => {
        const big = envelope({ data: { padding: 'x'.repeat(5000) } })
        return { body: big, headers: await headersFor(big, fixture.server.url('/key.pem')) }
      },
      'body_too_large',
      'sandbox',
    ],
    [
      'a key response that is not a PEM',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/not-pem')) }),
      'invalid_public_key',
      'sandbox',
    ],
    [
      'a key response that is too large',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/huge')) }),
      'key_fetch_failed',
      'sandbox',
    ],
    [
      'a key server that never answers (timeout)',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/hang')) }),
      'key_fetch_failed',
      'hanging-key-server',
    ],
    [
      'a key URL that answers 404',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/missing')) }),
      'key_fetch_failed',
      'sandbox',
    ],
    [
      'a key URL that redirects elsewhere',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/redirect')) }),
      'key_fetch_failed',
      'sandbox',
    ],
    [
      'a valid signature over a body that is not an envelope',
      async () => {
        const notEnvelope = JSON.stringify({ hello: 'world' })
        return { body: notEnvelope, headers: await headersFor(notEnvelope, fixture.server.url('/key.pem')) }
      },
      'not_an_envelope',
      'sandbox',
    ],
    [
      'a valid signature over bytes that are not UTF-8',
      async () => {
        const bytes = new Uint8Array([0xff, 0xfe, 0x7b])
        return { body: bytes, headers: await headersFor(bytes, fixture.server.url('/key.pem')) }
      },
      'not_an_envelope',
      'sandbox',
    ],
  ]

  test('at least 25 attacks', () => expect(attacks.length).toBeGreaterThanOrEqual(25))

  test.each(attacks)('%s', async (_, build, reason, kind) => {
    const resolver = vi.fn<KeyResolver>(async () => fixture.keys.publicPem)
    const verify =
      kind === 'sandbox'
        ? sandboxVerifier()
        : kind === 'hanging-key-server'
          ? // This key server never answers, so a short key fetch timeout is always the one that ends it.
            createVerifier({ trustLocalSandbox: true, keyFetchTimeoutMs: 300 })
          : createVerifier({ keyResolver: resolver })
    expect(await reasonOf(verify(await build()))).toBe(reason)
    // A URL refused by the allowlist never reaches the key resolver.
    if (reason === 'key_url_not_allowed') expect(resolver).not.toHaveBeenCalled()
  })
})
