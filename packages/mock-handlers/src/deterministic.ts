// Ids and timestamps: random and wall-clock by default, reproducible when a seed is given.

/** mulberry32: a small, fast PRNG; the same seed gives the same sequence. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function uuidFrom(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256))
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export interface IdsAndClock {
  uuid(): string
  now(): Date
}

/** The virtual clock of a seeded mock starts here and advances one second per reading. */
export const SEEDED_EPOCH = Date.parse('2024-01-01T00:00:00.000Z')

export function createIdsAndClock(seed?: number, now?: () => Date): IdsAndClock {
  if (seed === undefined) {
    return { uuid: () => crypto.randomUUID(), now: now ?? (() => new Date()) }
  }
  const random = mulberry32(seed)
  let tick = 0
  return { uuid: () => uuidFrom(random), now: now ?? (() => new Date(SEEDED_EPOCH + 1000 * tick++)) }
}
