// Limits on what a request may carry, checked before anything is parsed or stored: a hostile request
// gets a 4xx, never a 5xx, and never costs more memory than the limit.

/** Request bodies above this many bytes are refused with 413 (configurable: `maxBodyBytes`). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
/** JSON nested deeper than this is refused with 422 before it is parsed. */
export const MAX_JSON_DEPTH = 32
/** Page sizes above this are refused with 422 (configurable: `maxPageSize`). */
export const DEFAULT_MAX_PAGE_SIZE = 1000

/** The nesting depth of JSON text, counted without parsing it (strings and escapes skipped). */
export function jsonDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      if (char === 0x5c)
        i++ // backslash: skip the escaped character
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth)
    else if (char === 0x7d || char === 0x5d) depth--
  }
  return deepest
}

/** `application/json`, or a `+json` type, with any parameters (e.g. `; charset=utf-8`). */
export function isJsonContentType(value: string | null): boolean {
  const type = value?.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)
}

/** Reads a WHATWG body as text, stopping (and cancelling the stream) once it passes `limit` bytes. */
export async function readWebBody(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<string | undefined> {
  if (!body) return ''
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let size = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    size += value.byteLength
    if (size > limit) {
      // Not awaited: some streams (MSW's request clones) settle a cancel only once fully read.
      reader.cancel().catch(() => undefined)
      return undefined
    }
    text += decoder.decode(value, { stream: true })
  }
}
