// Byte helpers shared by key loading, signature decoding and body reading (Web APIs only).

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export function concatBytes(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return all
}

/** Past the limit: end the source at once, or keep reading it (discarding) for a while first. */
export type Overflow = 'cancel' | 'drain'

/** How much of a refused body is read and discarded before the source is ended anyway, in limits. */
export const DRAINED_LIMITS = 16

/** Reads and discards the rest of a source, up to `max` bytes, then ends it. */
export async function drain(iterator: AsyncIterator<Uint8Array | string>, max: number): Promise<void> {
  let drained = 0
  try {
    for (;;) {
      const { done, value } = await iterator.next()
      if (done) return
      drained += typeof value === 'string' ? value.length : value.byteLength
      if (drained > max) break
    }
    await iterator.return?.()
  } catch {
    // The client went away: nothing left to read.
  }
}

/**
 * The chunks joined, or undefined once they pass `limit`: nothing past it is kept, so a body without
 * a declared length costs at most `limit` bytes of memory, however long it is. `cancel` ends the
 * source there; `drain` (node:http) keeps reading and discarding a while longer, so that the client,
 * still sending, reads the 413 instead of a reset connection.
 */
export async function readUpTo(
  chunks: AsyncIterable<Uint8Array | string>,
  limit: number,
  overflow: Overflow = 'cancel',
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const iterator = chunks[Symbol.asyncIterator]()
  const kept: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await iterator.next()
    if (done) return concatBytes(kept, size)
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value
    size += bytes.byteLength
    if (size > limit) {
      if (overflow === 'cancel') await iterator.return?.()
      else void drain(iterator, limit * DRAINED_LIMITS)
      return undefined
    }
    kept.push(bytes)
  }
}

/** A Web stream's chunks as an async iterable (not every runtime's streams are one), cancelled when left. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}
