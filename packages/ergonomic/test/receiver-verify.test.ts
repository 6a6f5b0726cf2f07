// verifyDelivery against real RSA keys and a real key server; the attack table.
import { beforeAll, describe, expect, test, vi } from 'vitest'
import {
  createReceiver,
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
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/not-pem.pem')) }),
      'invalid_public_key',
      'sandbox',
    ],
    [
      'a key response that is too large',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/huge.pem')) }),
      'key_fetch_failed',
      'sandbox',
    ],
    [
      'a key server that never answers (timeout)',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/hang.pem')) }),
      'key_fetch_failed',
      'hanging-key-server',
    ],
    [
      'a key URL that answers 404',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/missing.pem')) }),
      'key_fetch_failed',
      'sandbox',
    ],
    [
      'a key URL that redirects elsewhere',
      async () => ({ body: body(), headers: await headersFor(body(), fixture.server.url('/redirect.pem')) }),
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

describe('key fetching cannot be turned against the receiver', () => {
  test('junk key URLs on a trusted host: at most 10 new keys fetched per host a minute, the rest refused unfetched', async () => {
    let now = Date.now()
    const verify = createVerifier({ trustLocalSandbox: true, now: () => now })
    const body = envelope()
    const before = fixture.server.hits()
    const reasons = []
    for (let i = 0; i < 200; i++) {
      reasons.push(
        await reasonOf(
          verify({ body, headers: await headersFor(body, fixture.server.url(`/junk-${i}.pem`)) }),
        ),
      )
    }
    expect(new Set(reasons)).toEqual(new Set(['key_fetch_failed']))
    expect(fixture.server.hits() - before).toBe(10)
    // A minute later the host may be asked again.
    now += 60_000
    await reasonOf(verify({ body, headers: await headersFor(body, fixture.server.url('/junk-new.pem')) }))
    expect(fixture.server.hits('/junk-new.pem')).toBe(1)
  })

  test('a key URL whose fetch failed is not fetched again for a minute', async () => {
    let now = Date.now()
    const verify = createVerifier({ trustLocalSandbox: true, now: () => now })
    const body = envelope()
    const headers = await headersFor(body, fixture.server.url('/missing-once.pem'))
    for (let i = 0; i < 50; i++) expect(await reasonOf(verify({ body, headers }))).toBe('key_fetch_failed')
    expect(fixture.server.hits('/missing-once.pem')).toBe(1)
    now += 60_000
    await reasonOf(verify({ body, headers }))
    expect(fixture.server.hits('/missing-once.pem')).toBe(2)
  })

  test("a local sandbox's key refused without trustLocalSandbox: the message names the option", async () => {
    const body = envelope()
    const keyUrl = fixture.server.url('/sandbox-key.pem')
    const refusal = createVerifier()({ body, headers: await headersFor(body, keyUrl) })
    await expect(refusal).rejects.toMatchObject({ reason: 'key_url_not_allowed' })
    await expect(refusal).rejects.toThrow(/trustLocalSandbox: true/)
    expect(fixture.server.hits('/sandbox-key.pem')).toBe(0)
  })

  test('trustLocalSandbox fetches .pem paths only; a refused fetch does not tell the sender what the URL answered', async () => {
    const errors: unknown[] = []
    const receiver = createReceiver({
      trustLocalSandbox: true,
      on: { '*': () => undefined },
      onError: (e) => void errors.push(e),
    })
    const body = envelope()
    const admin = await receiver.receive({
      body,
      headers: await headersFor(body, fixture.server.url('/admin')),
    })
    expect((admin.error as SignatureVerificationError).reason).toBe('key_url_not_allowed')
    expect(fixture.server.hits('/admin')).toBe(0)
    const missing = await receiver.receive({
      body,
      headers: await headersFor(body, fixture.server.url('/gone.pem')),
    })
    expect(missing.status).toBe(503)
    expect(missing.body).not.toContain('404')
    // The receiver's own log keeps the detail.
    expect(String(errors.at(-1))).toContain('404')
  })

  test('a key replaced at the same URL is fetched again when a signature fails against a copy at least 5 minutes old', async () => {
    let now = Date.now()
    const verify = createVerifier({ trustLocalSandbox: true, now: () => now, maxDeliveryAgeMs: false })
    const url = fixture.server.url('/rotating.pem')
    const body = envelope()
    fixture.server.rotate(fixture.keys.publicPem)
    await verify({ body, headers: await headersFor(body, url) })
    fixture.server.rotate(otherKeys.publicPem)
    const signedWithNewKey = await headersFor(body, url, otherKeys.privateKey)
    // A fresh copy is trusted as it is: a mismatch is the sender's, no fetch.
    expect(await reasonOf(verify({ body, headers: signedWithNewKey }))).toBe('signature_mismatch')
    expect(fixture.server.hits('/rotating.pem')).toBe(1)
    now += 5 * 60_000
    await expect(verify({ body, headers: signedWithNewKey })).resolves.toBeTruthy()
    expect(fixture.server.hits('/rotating.pem')).toBe(2)
    // And a forged signature, meeting the fresh copy, fetches nothing more.
    expect(
      await reasonOf(verify({ body, headers: await headersFor('forged', url, otherKeys.privateKey) })),
    ).toBe('signature_mismatch')
    expect(fixture.server.hits('/rotating.pem')).toBe(2)
  })
})
