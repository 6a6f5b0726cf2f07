// Public keys: PEM text -> Web Crypto key, fetched with a timeout and a size limit, cached by exact URL,
// with failures remembered and new fetches per host bounded.
import { base64ToBytes, concatBytes } from './bytes.js'
import { SignatureVerificationError } from './errors.js'

export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

/** Returns the key for a URL that already passed the allowlist: a CryptoKey, or PEM text. */
export type KeyResolver = (url: URL) => Promise<CryptoKey | string>

export interface KeyFetchOptions {
  /** Default 5 000 ms. */
  keyFetchTimeoutMs?: number
  /** Default 16 KiB: an RSA public key PEM is well under 2 KiB. */
  maxKeyBytes?: number
  /** Keys cached by exact URL; default 32. */
  keyCacheSize?: number
  fetch?: typeof fetch
}

/** DER length prefix for ASN.1. */
function derLength(length: number): number[] {
  if (length < 0x80) return [length]
  const bytes: number[] = []
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff)
  return [0x80 | bytes.length, ...bytes]
}

/** Wraps a PKCS#1 RSAPublicKey in a SubjectPublicKeyInfo, the only form Web Crypto imports. */
function pkcs1ToSpki(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const algorithm = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]
  const bitString = [0x03, ...derLength(pkcs1.length + 1), 0x00, ...pkcs1]
  const body = [...algorithm, ...bitString]
  return new Uint8Array([0x30, ...derLength(body.length), ...body])
}

export async function importPublicKeyPem(pem: string): Promise<CryptoKey> {
  const match = /-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY)-----([A-Za-z0-9+/=\s]+)-----END \1-----/.exec(pem)
  if (!match) throw new SignatureVerificationError('invalid_public_key', 'the key is not a PEM public key')
  try {
    const der = base64ToBytes((match[2] as string).replace(/\s+/g, ''))
    const spki = match[1] === 'RSA PUBLIC KEY' ? pkcs1ToSpki(der) : der
    return await crypto.subtle.importKey('spki', spki, RSA_SHA256, false, ['verify'])
  } catch (cause) {
    throw new SignatureVerificationError('invalid_public_key', 'the PEM does not hold an RSA public key', {
      cause,
    })
  }
}

async function readLimited(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'))
  if (declared > limit) throw new Error(`key response of ${declared} bytes exceeds ${limit}`)
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new Error(`key response exceeds ${limit} bytes`)
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(concatBytes(chunks, size))
}

export function fetchKeyResolver(options: KeyFetchOptions = {}): KeyResolver {
  const timeoutMs = options.keyFetchTimeoutMs ?? 5_000
  const limit = options.maxKeyBytes ?? 16 * 1024
  return async (url) => {
    let text: string
    try {
      // No redirects: one could lead to a host the allowlist never saw. `redirect: 'manual'` (workerd
      // rejects 'error'), then any redirect answer is refused: a 3xx in Node, Bun and Deno, an
      // opaque redirect in browsers and Workers.
      const response = await (options.fetch ?? globalThis.fetch)(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        throw new Error(
          `the key server answered with a redirect (${response.status || 'opaque'}); keys are never fetched from elsewhere`,
        )
      }
      if (!response.ok) throw new Error(`the key server answered ${response.status}`)
      text = await readLimited(response, limit)
    } catch (cause) {
      const why =
        cause instanceof Error && cause.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : String(cause)
      throw new SignatureVerificationError(
        'key_fetch_failed',
        `could not fetch the key at ${url.href}: ${why}`,
        { cause },
      )
    }
    return text
  }
}

/** A key URL whose fetch failed answers that failure, unfetched, for this long. */
export const KEY_FAILURE_MEMORY_MS = 60_000
/** New keys fetched from one host within a minute, at most: junk key URLs cannot make us fetch without end. */
export const NEW_KEYS_PER_HOST_PER_MINUTE = 10
/**
 * A cached key is fetched again when a signature fails against it and it is at least this old: a key
 * replaced at the same URL is picked up, and forged signatures cost at most one fetch per URL this often.
 */
export const KEY_REFETCH_AFTER_MS = 5 * 60_000

interface CachedKey {
  key: Promise<CryptoKey>
  fetchedAt: number
}

/** Deletes a map's oldest entries (first inserted) beyond `capacity`. */
function bound(map: Map<string, unknown>, capacity: number): void {
  while (map.size > capacity) map.delete(map.keys().next().value as string)
}

/**
 * Imported keys by exact URL (least recently used evicted first), failed URLs remembered for a
 * minute, and a budget of new fetches per host.
 */
export class KeyCache {
  readonly #keys = new Map<string, CachedKey>()
  readonly #failures = new Map<string, { error: unknown; until: number }>()
  /** Per host: when its current minute began and how many keys it fetched in it. */
  readonly #fetches = new Map<string, { since: number; count: number }>()

  constructor(
    private readonly resolve: KeyResolver,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {}

  get(url: URL): Promise<CryptoKey> {
    const cached = this.#keys.get(url.href)
    if (!cached) return this.#load(url)
    // Refresh its place: least recently used keys are evicted first.
    this.#keys.delete(url.href)
    this.#keys.set(url.href, cached)
    return cached.key
  }

  /** A new copy of a cached key that is old enough to have been replaced at its URL; else undefined. */
  async refetch(url: URL): Promise<CryptoKey | undefined> {
    const cached = this.#keys.get(url.href)
    if (!cached || this.now() - cached.fetchedAt < KEY_REFETCH_AFTER_MS) return undefined
    this.#keys.delete(url.href)
    return this.#load(url)
  }

  #load(url: URL): Promise<CryptoKey> {
    const failed = this.#failures.get(url.href)
    if (failed && failed.until > this.now()) return Promise.reject(failed.error)
    this.#failures.delete(url.href)
    this.#spendFetch(url.host)
    const entry = {
      key: this.resolve(url).then((key) => (typeof key === 'string' ? importPublicKeyPem(key) : key)),
      fetchedAt: this.now(),
    }
    this.#keys.set(url.href, entry)
    bound(this.#keys, this.capacity)
    entry.key.catch((error: unknown) => {
      if (this.#keys.get(url.href) === entry) this.#keys.delete(url.href)
      this.#failures.set(url.href, { error, until: this.now() + KEY_FAILURE_MEMORY_MS })
      bound(this.#failures, this.capacity)
    })
    return entry.key
  }

  /** Counts a fetch against its host's budget for the minute, or refuses it. */
  #spendFetch(host: string): void {
    const now = this.now()
    const current = this.#fetches.get(host)
    const window = current && now - current.since < 60_000 ? current : { since: now, count: 0 }
    if (window.count >= NEW_KEYS_PER_HOST_PER_MINUTE) {
      throw new SignatureVerificationError(
        'key_fetch_failed',
        `${host} was asked for ${NEW_KEYS_PER_HOST_PER_MINUTE} new keys within a minute already: not fetched`,
      )
    }
    window.count++
    this.#fetches.delete(host)
    this.#fetches.set(host, window)
    bound(this.#fetches, this.capacity)
  }
}
