// Public keys: PEM text -> Web Crypto key, fetched with a timeout and a size limit, cached by exact URL.
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

/** A bounded cache of imported keys by exact URL; a failed lookup is not cached. */
export class KeyCache {
  readonly #entries = new Map<string, Promise<CryptoKey>>()

  constructor(
    private readonly resolve: KeyResolver,
    private readonly capacity: number,
  ) {}

  get(url: URL): Promise<CryptoKey> {
    const cached = this.#entries.get(url.href)
    if (cached) {
      // Refresh its place: least recently used keys are evicted first.
      this.#entries.delete(url.href)
      this.#entries.set(url.href, cached)
      return cached
    }
    const loading = this.resolve(url).then((key) => (typeof key === 'string' ? importPublicKeyPem(key) : key))
    this.#entries.set(url.href, loading)
    loading.catch(() => this.#entries.delete(url.href))
    while (this.#entries.size > this.capacity) {
      this.#entries.delete(this.#entries.keys().next().value as string)
    }
    return loading
  }
}
