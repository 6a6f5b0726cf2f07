// Redeliveries (same event id, new attemptId) are acknowledged without running the handler twice.
// A claim is a lease with its own token: a handler that dies holding one does not block its event for
// good (once the lease ends, flexEngage's next attempt runs it), and only the claim holding a lease can
// end it. Success keeps the event done for the retention.
import { DEFAULT_MAX_DELIVERY_AGE_MS } from './verify.js'

/**
 * What a claim found: run the handler (holding `lease`), acknowledge a duplicate, or let flexEngage
 * come back later.
 */
export type DedupeClaim =
  | { outcome: 'claimed'; lease: string }
  | { outcome: 'done' }
  | { outcome: 'in-progress' }

export interface DedupeStore {
  /**
   * Atomically takes an in-progress lease on the event. `claimed`: this delivery runs the handler,
   * then calls `complete` or `release` with its `lease`. `done`: an earlier delivery handled it.
   * `in-progress`: another delivery holds a live lease; this one is not acknowledged, so flexEngage
   * tries again later.
   */
  claim(eventId: string): DedupeClaim | Promise<DedupeClaim>
  /** The handler succeeded: the event stays `done` for the store's retention (whoever holds the lease now). */
  complete(eventId: string, lease: string): void | Promise<void>
  /**
   * The handler failed: this lease ends at once, so flexEngage's next attempt runs it again. A lease
   * that expired and was taken over by another claim is that claim's: it is left alone.
   */
  release(eventId: string, lease: string): void | Promise<void>
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
  /** Per event: its lease's token (none once done) and when the lease or the done mark ends. */
  const entries = new Map<string, { lease: string | undefined; until: number }>()
  let leases = 0
  const remember = (eventId: string, lease: string | undefined, forMs: number) => {
    entries.delete(eventId)
    entries.set(eventId, { lease, until: now() + forMs })
    if (entries.size > capacity) entries.delete(entries.keys().next().value as string)
  }
  return {
    claim(eventId) {
      const entry = entries.get(eventId)
      if (entry && entry.until > now()) return { outcome: entry.lease === undefined ? 'done' : 'in-progress' }
      const lease = `lease-${++leases}`
      remember(eventId, lease, leaseMs)
      return { outcome: 'claimed', lease }
    },
    complete(eventId) {
      remember(eventId, undefined, retentionMs)
    },
    release(eventId, lease) {
      if (entries.get(eventId)?.lease === lease) entries.delete(eventId)
    },
  }
}
