// The delivery protocol, both sides in one place: the envelope, the headers, and signDelivery()
// beside verifyDelivery() (verify.ts), sharing the algorithm, so that the sandbox, tests and benches
// sign exactly as receivers verify. Web Crypto only: it runs on every runtime, off the event loop.
import {
  DELIVERY_HEADERS,
  DELIVERY_USER_AGENT,
  delivery,
  type EventEnvelope,
  KEY_URL_HEADER,
  SIGNATURE_HEADER,
  type VerifiedEvent,
} from '@flexengage/webhooks-types'
import { base64ToBytes, bytesToBase64 } from './bytes.js'
import { RSA_SHA256 } from './keys.js'

export { DELIVERY_HEADERS, DELIVERY_USER_AGENT, KEY_URL_HEADER, SIGNATURE_HEADER }

/** The body of a delivery: the envelope's JSON, its fields in the spec's order, then any others. */
export function envelopeBody(envelope: EventEnvelope | VerifiedEvent): Uint8Array<ArrayBuffer> {
  const ordered: Record<string, unknown> = {}
  for (const field of delivery.envelopeFields) ordered[field] = envelope[field]
  return new TextEncoder().encode(JSON.stringify({ ...ordered, ...envelope }))
}

/** A PKCS#8 PEM RSA private key, imported for signing deliveries. */
export async function importPrivateKeyPem(pem: string): Promise<CryptoKey> {
  const base64 = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/.exec(pem)?.[1]
  if (!base64) throw new TypeError('the private key must be a PKCS#8 PEM ("BEGIN PRIVATE KEY")')
  return crypto.subtle.importKey('pkcs8', base64ToBytes(base64.replace(/\s+/g, '')), RSA_SHA256, false, [
    'sign',
  ])
}

export interface SignedDelivery {
  /** The exact bytes to POST: the signature covers these. */
  body: Uint8Array<ArrayBuffer>
  /** `User-Agent`, `Content-Type` and the two signature headers. */
  headers: Record<string, string>
}

/** The signature header's value for these exact bytes (or UTF-8 text): Base64 RSA SHA-256. */
export async function signBody(
  body: Uint8Array<ArrayBuffer> | string,
  privateKey: CryptoKey,
): Promise<string> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign(RSA_SHA256, privateKey, bytes)))
}

/** The headers flexEngage sends with these exact bytes: its own, the signature, and the key's URL. */
export async function signedHeaders(
  body: Uint8Array<ArrayBuffer>,
  privateKey: CryptoKey,
  keyUrl: string,
): Promise<Record<string, string>> {
  return {
    ...DELIVERY_HEADERS,
    [SIGNATURE_HEADER]: await signBody(body, privateKey),
    [KEY_URL_HEADER]: keyUrl,
  }
}

/** Signs a delivery as flexEngage does: RSA SHA-256 over the body bytes, the key named by its URL. */
export async function signDelivery(options: {
  envelope: EventEnvelope | VerifiedEvent
  privateKey: CryptoKey
  keyUrl: string
}): Promise<SignedDelivery> {
  const body = envelopeBody(options.envelope)
  return { body, headers: await signedHeaders(body, options.privateKey, options.keyUrl) }
}
