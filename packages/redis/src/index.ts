// A DedupeStore shared by every receiver process through Redis. A claim is a lease with its own token
// (so a process only ever ends its own lease), taken atomically by SET NX; success marks the event
// done for the retention; failure ends the lease at once.
import {
  DEFAULT_LEASE_MS,
  DEFAULT_RETENTION_MS,
  type DedupeClaim,
  type DedupeStore,
  type DedupeTimes,
} from '@flexengage/webhooks/receiver'

/** The commands the store sends; a `createClient()` client of the `redis` package has them. */
export interface RedisCommands {
  set(
    key: string,
    value: string,
    options: { expiration: { type: 'PX'; value: number }; condition?: 'NX' },
  ): Promise<unknown>
  get(key: string): Promise<unknown>
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
}

export interface RedisDedupeStoreOptions extends DedupeTimes {
  /** A connected client, e.g. `await createClient({ url }).connect()`. */
  client: RedisCommands
  /** Prepended to each event id (default `flexengage:dedupe:`). */
  keyPrefix?: string
  /**
   * A command that gets no answer within this time fails (default 2 000 ms): a receiver must answer
   * flexEngage (503, so it retries) rather than wait on a Redis that is gone.
   */
  timeoutMs?: number
}

const DONE = 'done'

// Ends a lease only if it is still this claim's own (it may have expired and been taken over).
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

export function createRedisDedupeStore(options: RedisDedupeStoreOptions): DedupeStore {
  const {
    client,
    keyPrefix = 'flexengage:dedupe:',
    leaseMs = DEFAULT_LEASE_MS,
    retentionMs = DEFAULT_RETENTION_MS,
    timeoutMs = 2_000,
  } = options
  const leases = new Map<string, string>()
  const key = (eventId: string) => `${keyPrefix}${eventId}`

  function answered<T>(command: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs)
    })
    return Promise.race([command, timeout]).finally(() => clearTimeout(timer))
  }

  return {
    async claim(eventId): Promise<DedupeClaim> {
      // One atomic SET NX takes the lease; only a refused claim reads what holds the key.
      const token = `lease:${crypto.randomUUID()}`
      const taken = await answered(
        client.set(key(eventId), token, { condition: 'NX', expiration: { type: 'PX', value: leaseMs } }),
      )
      if (taken === 'OK') {
        leases.set(eventId, token)
        return 'claimed'
      }
      // A lease that ended between the two commands reads as in progress: flexEngage simply retries.
      return (await answered(client.get(key(eventId)))) === DONE ? 'done' : 'in-progress'
    },
    async complete(eventId) {
      leases.delete(eventId)
      await answered(client.set(key(eventId), DONE, { expiration: { type: 'PX', value: retentionMs } }))
    },
    async release(eventId) {
      const token = leases.get(eventId)
      leases.delete(eventId)
      if (token) await answered(client.eval(RELEASE, { keys: [key(eventId)], arguments: [token] }))
    },
  }
}
