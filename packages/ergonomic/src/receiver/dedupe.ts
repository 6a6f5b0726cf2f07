// Redeliveries (same event id, new attemptId) are acknowledged without running the handler twice.

export interface DedupeStore {
  /** Records the id; false when it was already recorded (a redelivery, or one in progress). */
  claim(eventId: string): boolean | Promise<boolean>
  /** Forgets a claim whose handler failed, so that flexEngage's next attempt runs it again. */
  release(eventId: string): void | Promise<void>
}

/** Remembers the last `capacity` event ids (default 10 000) in memory, per process. */
export function createMemoryDedupeStore(capacity = 10_000): DedupeStore {
  const seen = new Set<string>()
  return {
    claim(eventId) {
      if (seen.has(eventId)) return false
      seen.add(eventId)
      if (seen.size > capacity) seen.delete(seen.values().next().value as string)
      return true
    },
    release(eventId) {
      seen.delete(eventId)
    },
  }
}
