// Redeliveries (same event id, new attemptId) are acknowledged without running the handler twice.
// A claim is a lease: a handler that dies holding one does not block its event for good; once the
// lease ends, flexEngage's next attempt runs it. Success keeps the event done for the retention.
import { DEFAULT_MAX_DELIVERY_AGE_MS } from './verify.js'

/** What a claim found: run the handler, acknowledge a duplicate, or let flexEngage come back later. */
export type DedupeClaim = 'claimed' | 'done' | 'in-progress'

export interface DedupeStore {
  /**
   * Atomically takes an in-progress lease on the event. `claimed`: this delivery runs the handler,
   * then calls `complete` or `release`. `done`: an earlier delivery handled it. `in-progress`: another
   * delivery holds a live lease; this one is not acknowledged, so flexEngage tries again later.
   */
  claim(eventId: string): DedupeClaim | Promise<DedupeClaim>
  /** The handler succeeded: the event stays `done` for the store's retention. */
  complete(eventId: string): void | Promise<void>
  /** The handler failed: the lease ends at once, so flexEngage's next attempt runs it again. */
  release(eventId: string): void | Promise<void>
}

/** How long a claim may run before another delivery of the same event may take it over. */
export const DEFAULT_LEASE_MS = 5 * 60_000
/**
 * How long a handled event is remembered: as long as a delivery may be accepted at all (the replay
 * window), so every replay is refused either by its age or as a duplicate.
 */
export const DEFAULT_RETENTION_MS = DEFAULT_MAX_DELIVERY_AGE_MS

export interface DedupeTimes {
  /** Default `DEFAULT_LEASE_MS` (5 minutes). */
  leaseMs?: number
  /** Default `DEFAULT_RETENTION_MS` (the replay window: 75 minutes). */
  retentionMs?: number
}

export interface MemoryDedupeOptions extends DedupeTimes {
  /** Events remembered at most (default 10 000); the oldest are forgotten first. */
  capacity?: number
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number
}

/** Leases and done marks in memory, per process: for a single receiver process. */
export function createMemoryDedupeStore(options: MemoryDedupeOptions = {}): DedupeStore {
  const { capacity = 10_000, leaseMs = DEFAULT_LEASE_MS, retentionMs = DEFAULT_RETENTION_MS } = options
  const now = options.now ?? Date.now
  const entries = new Map<string, { done: boolean; until: number }>()
  const remember = (eventId: string, done: boolean, forMs: number) => {
    entries.delete(eventId)
    entries.set(eventId, { done, until: now() + forMs })
    if (entries.size > capacity) entries.delete(entries.keys().next().value as string)
  }
  return {
    claim(eventId) {
      const entry = entries.get(eventId)
      if (entry && entry.until > now()) return entry.done ? 'done' : 'in-progress'
      remember(eventId, false, leaseMs)
      return 'claimed'
    },
    complete(eventId) {
      remember(eventId, true, retentionMs)
    },
    release(eventId) {
      entries.delete(eventId)
    },
  }
}
