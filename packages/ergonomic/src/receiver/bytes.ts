// Byte helpers shared by key loading, signature decoding and body reading (Web APIs only).

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
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

/**
 * The chunks joined, or undefined once they pass `limit`: reading stops there (leaving the loop ends
 * the source), so a body without a declared length costs at most `limit` bytes, however long it is.
 */
export async function readUpTo(
  chunks: AsyncIterable<Uint8Array | string>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const kept: Uint8Array[] = []
  let size = 0
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk
    size += bytes.byteLength
    if (size > limit) return undefined
    kept.push(bytes)
  }
  return concatBytes(kept, size)
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
