// @flexengage/webhooks/testing: deliveries your receiver accepts, in your own tests, with no network
// and no files. A test signer holds a fresh RSA key (Web Crypto, so it runs under Node, Bun, Deno and
// workerd alike) named by a URL on flexEngage's test key host; `signer.trust` is the receiver option
// that trusts exactly that key. Deliveries are built from the spec's examples, then signed as
// flexEngage signs them; tampered and stale variants are a call away.
import {
  delivery,
  deliveryExamples,
  isListedEventType,
  listedEventTypes,
  type VerifiedEvent,
} from '@flexengage/webhooks-types'
import { bytesToBase64 } from '../receiver/bytes.js'
import { SignatureVerificationError } from '../receiver/errors.js'
import type { KeyResolver } from '../receiver/keys.js'
import { envelopeBody, signedHeaders } from '../receiver/protocol.js'

/** A signed delivery: the exact bytes to POST and the headers flexEngage would send with them. */
export interface TestDelivery {
  event: VerifiedEvent
  body: Uint8Array<ArrayBuffer>
  headers: Record<string, string>
}

export interface TestSigner {
  /** Where the key "is served": on flexEngage's test key host, so the default allowlist accepts it. */
  readonly keyUrl: string
  /** The public key, PEM (SPKI): give it to a receiver in another stack. */
  readonly publicKeyPem: string
  /** Receiver (and verifier) options that trust this signer's key, and no other: spread into createReceiver. */
  readonly trust: { keyResolver: KeyResolver }
  /** A delivery of `type` built from the spec's example, with fresh ids and `created` now, overrides applied. */
  delivery(type: string, overrides?: Partial<VerifiedEvent>): Promise<TestDelivery>
  /** Signs an event; `body` signs these exact bytes instead of the event's JSON (e.g. other whitespace). */
  sign(event: VerifiedEvent, options?: { body?: string | Uint8Array<ArrayBuffer> }): Promise<TestDelivery>
  /** The same headers over a body with one byte changed: the signature no longer covers it. */
  tampered(signed: TestDelivery): TestDelivery
  /** A delivery created `ageMs` ago (default two days): past the receiver's replay window. */
  stale(type: string, ageMs?: number): Promise<TestDelivery>
  /** The delivery as a Fetch `Request`, for `receiver.fetch` and Fetch-based apps. */
  request(signed: TestDelivery, url?: string): Request
}

const TWO_DAYS_MS = 2 * 24 * 60 * 60_000

/**
 * An event of `type` as flexEngage would deliver it: the spec's example for a listed type (the first
 * listed type's envelope with empty `data` for another), new `id` and `attemptId`, `created` now.
 */
export function testEvent(type: string, overrides: Partial<VerifiedEvent> = {}): VerifiedEvent {
  const listed = isListedEventType(type)
  const example = structuredClone(deliveryExamples[listed ? type : listedEventTypes[0]])
  return {
    ...example,
    ...(listed ? {} : { data: {} }),
    type,
    id: crypto.randomUUID(),
    attemptId: crypto.randomUUID(),
    created: new Date().toISOString(),
    ...overrides,
  } as VerifiedEvent
}

function pem(label: string, der: ArrayBuffer): string {
  const lines = bytesToBase64(new Uint8Array(der)).match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** The body with one byte of `brandId`'s value changed, so it still reads as the same JSON shape. */
function tamper(body: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const text = new TextDecoder().decode(body)
  const at = text.indexOf('"brandId":"') + '"brandId":"'.length
  const changed = text[at] === 'X' ? 'Y' : 'X'
  return new TextEncoder().encode(`${text.slice(0, at)}${changed}${text.slice(at + 1)}`)
}

export interface TestSignerOptions {
  /**
   * The key URL its deliveries name. Default: a URL on flexEngage's test key host, answered by
   * `trust.keyResolver` (nothing is fetched). Give your own to serve `publicKeyPem` from a key server.
   */
  keyUrl?: string
}

/** A signer with a fresh 2048-bit RSA key, and what a receiver needs to trust it. */
export async function createTestSigner(options: TestSignerOptions = {}): Promise<TestSigner> {
  const keys = await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )
  const keyUrl =
    options.keyUrl ?? `https://${delivery.keyHosts.test}/flexengage-test-signer/${crypto.randomUUID()}.pem`
  const publicKeyPem = pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', keys.publicKey))
  const sign: TestSigner['sign'] = async (event, options = {}) => {
    const body =
      options.body === undefined
        ? envelopeBody(event)
        : typeof options.body === 'string'
          ? new TextEncoder().encode(options.body)
          : options.body
    return { event, body, headers: await signedHeaders(body, keys.privateKey, keyUrl) }
  }
  return {
    keyUrl,
    publicKeyPem,
    trust: {
      keyResolver: async (url) => {
        if (url.href === keyUrl) return keys.publicKey
        throw new SignatureVerificationError('key_fetch_failed', `${url.href} is not this test signer's key`)
      },
    },
    sign,
    delivery: (type, overrides) => sign(testEvent(type, overrides)),
    tampered: (signed) => ({ ...signed, body: tamper(signed.body) }),
    stale: (type, ageMs = TWO_DAYS_MS) =>
      sign(testEvent(type, { created: new Date(Date.now() - ageMs).toISOString() })),
    request: (signed, url = 'https://receiver.test/webhooks') =>
      new Request(url, { method: 'POST', body: signed.body, headers: signed.headers }),
  }
}
