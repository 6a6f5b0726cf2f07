// verifyDelivery: RSA SHA-256 over the raw body bytes, with the key named by the request, from an allowed host.
import { KEY_URL_HEADER, SIGNATURE_HEADER, type VerifiedEvent } from '@flexengage/webhooks-types'
import { base64ToBytes } from './bytes.js'
import { SignatureVerificationError } from './errors.js'
import { checkEvent } from './event-check.js'
import { checkKeyUrl, type KeyUrlPolicy } from './key-url.js'
import { fetchKeyResolver, KeyCache, type KeyFetchOptions, type KeyResolver, RSA_SHA256 } from './keys.js'

export type DeliveryHeaders = Headers | Record<string, string | string[] | undefined>

export interface Delivery {
  /** The raw request body, exactly as received: bytes, or the UTF-8 text. */
  body: string | Uint8Array | ArrayBuffer
  headers: DeliveryHeaders
}

export interface VerifierOptions extends KeyUrlPolicy, KeyFetchOptions {
  /** Replaces the HTTPS key fetch (the allowlist still applies first). */
  keyResolver?: KeyResolver
  /** Default 1 MiB (`DEFAULT_MAX_BODY_BYTES`). */
  maxBodyBytes?: number
  /**
   * Deliveries whose signed `created` is older are refused as `stale_delivery`: a captured delivery
   * cannot be replayed later. Default `DEFAULT_MAX_DELIVERY_AGE_MS` (75 minutes); `false` turns it off.
   */
  maxDeliveryAgeMs?: number | false
  /** How far `created` may lie in the future (the sender's clock ahead of ours); default 5 minutes. */
  clockSkewMs?: number
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
/** flexEngage retries an event for up to an hour after it was created. */
export const PROVIDER_RETRY_WINDOW_MS = 60 * 60_000
/** The retry window plus a margin for the last attempt's queueing and for clock differences. */
export const DEFAULT_MAX_DELIVERY_AGE_MS = PROVIDER_RETRY_WINDOW_MS + 15 * 60_000
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000

/** The one refusal of an oversized body, whichever layer sees the size first. */
export const bodyTooLarge = (limit: number) =>
  new SignatureVerificationError('body_too_large', `the body exceeds ${limit} bytes`)

export type Verifier = (delivery: Delivery) => Promise<VerifiedEvent>

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function header(headers: DeliveryHeaders, name: string): string {
  const value =
    headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()])
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    throw new SignatureVerificationError('missing_header', `the ${name} header is missing or empty`)
  }
  // Node joins repeated headers with ", "; Headers.get does the same. Neither value may contain one.
  if (Array.isArray(value) ? value.length > 1 : value.includes(',')) {
    throw new SignatureVerificationError('duplicate_header', `the ${name} header was sent more than once`)
  }
  const single = (Array.isArray(value) ? value[0] : value) as string
  if (single.trim() === '')
    throw new SignatureVerificationError('missing_header', `the ${name} header is empty`)
  return single.trim()
}

function bytesOf(body: Delivery['body']): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return new TextEncoder().encode(body)
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (body instanceof Uint8Array)
    return new Uint8Array(
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    )
  throw new SignatureVerificationError(
    'not_an_envelope',
    'the body must be the raw bytes or text of the request',
  )
}

function decodeSignature(value: string): Uint8Array<ArrayBuffer> {
  if (!BASE64.test(value) || value.length % 4 !== 0) {
    throw new SignatureVerificationError(
      'malformed_signature',
      `the ${SIGNATURE_HEADER} header is not Base64`,
    )
  }
  return base64ToBytes(value)
}

/** Refuses an envelope created too long ago (a replay) or too far in the future. */
function checkAge(envelope: VerifiedEvent, options: VerifierOptions): void {
  if (options.maxDeliveryAgeMs === false) return
  const maxAgeMs = options.maxDeliveryAgeMs ?? DEFAULT_MAX_DELIVERY_AGE_MS
  const skewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS
  const ageMs = (options.now ?? Date.now)() - Date.parse(envelope.created)
  if (ageMs > maxAgeMs) {
    throw new SignatureVerificationError(
      'stale_delivery',
      `the event was created ${Math.round(ageMs / 1000)} s ago, beyond the ${maxAgeMs / 1000} s a delivery is accepted for`,
    )
  }
  if (ageMs < -skewMs) {
    throw new SignatureVerificationError(
      'stale_delivery',
      `the event's created time is ${Math.round(-ageMs / 1000)} s in the future, beyond the ${skewMs / 1000} s clock-skew allowance`,
    )
  }
}

async function signatureHolds(
  key: CryptoKey,
  signature: Uint8Array<ArrayBuffer>,
  bytes: Uint8Array<ArrayBuffer>,
) {
  try {
    return await crypto.subtle.verify(RSA_SHA256, key, signature, bytes)
  } catch (cause) {
    throw new SignatureVerificationError(
      'invalid_public_key',
      'the key cannot verify RSA SHA-256 signatures',
      {
        cause,
      },
    )
  }
}

/** Checks the signature with the cached key, and once more with a new copy if the cached one may be outdated. */
async function checkSignature(
  keys: KeyCache,
  keyUrl: URL,
  signature: Uint8Array<ArrayBuffer>,
  bytes: Uint8Array<ArrayBuffer>,
) {
  if (await signatureHolds(await keys.get(keyUrl), signature, bytes)) return
  const renewed = await keys.refetch(keyUrl)
  if (renewed && (await signatureHolds(renewed, signature, bytes))) return
  throw new SignatureVerificationError('signature_mismatch', 'the signature does not match the body and key')
}

/** A verifier with its own bounded key cache: create one and reuse it. */
export function createVerifier(options: VerifierOptions = {}): Verifier {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const resolver = options.keyResolver ?? fetchKeyResolver(options)
  const keys = new KeyCache(resolver, options.keyCacheSize ?? 32, options.now ?? Date.now)
  return async ({ body, headers }) => {
    const signatureHeader = header(headers, SIGNATURE_HEADER)
    const keyUrl = checkKeyUrl(header(headers, KEY_URL_HEADER), options)
    const signature = decodeSignature(signatureHeader)
    const bytes = bytesOf(body)
    if (bytes.byteLength === 0) throw new SignatureVerificationError('empty_body', 'the body is empty')
    if (bytes.byteLength > maxBodyBytes) throw bodyTooLarge(maxBodyBytes)
    await checkSignature(keys, keyUrl, signature, bytes)
    const event = checkEvent(bytes)
    checkAge(event, options)
    return event
  }
}

let defaultVerifier: Verifier | undefined

/**
 * Verifies one delivery and returns its event: a listed type's `data` checked against the spec's
 * payload schema, any other type's as an object. `isListedEvent(event)` narrows it to the typed union,
 * after which checking `event.type` narrows `event.data`. Without options it shares one verifier (and
 * its key cache) across calls; with options, prefer `createVerifier(options)` once, to keep a warm cache.
 */
export function verifyDelivery(delivery: Delivery & VerifierOptions): Promise<VerifiedEvent> {
  const { body, headers, ...options } = delivery
  if (Object.keys(options).length > 0) return createVerifier(options)({ body, headers })
  defaultVerifier ??= createVerifier()
  return defaultVerifier({ body, headers })
}
