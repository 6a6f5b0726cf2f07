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

/**
 * A connected client of either well-kept Redis package. The store sends plain commands (SET, GET,
 * EVAL), through node-redis's `sendCommand` or ioredis's `call`, so both work unchanged.
 */
export type RedisClient =
  | { call(command: string, ...args: string[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> }

export interface RedisDedupeStoreOptions extends DedupeTimes {
  /**
   * A connected client: `await createClient({ url }).connect()` (node-redis) or `new Redis(url)`
   * (ioredis, about twice the deliveries per second here: see the README).
   */
  client: RedisClient
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

/**
 * Sends commands, each failing if it gets no answer within `timeoutMs`. Every command gets the same
 * timeout, so commands expire in the order they were sent: one timer, armed for the oldest command in
 * flight, covers them all (a timer per command cost about 7% of the deliveries per second in
 * bench/receiver-dedupe.mjs).
 */
class TimedCommands {
  readonly #inFlight = new Map<number, { deadline: number; reject: (error: Error) => void }>()
  #sent = 0
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly send: (args: [string, ...string[]]) => Promise<unknown>,
    private readonly timeoutMs: number,
  ) {}

  /** Sends one command; its answer, or a rejection once `timeoutMs` passed without one. */
  answered(...args: [string, ...string[]]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.#sent++
      this.#inFlight.set(id, { deadline: Date.now() + this.timeoutMs, reject })
      this.#arm()
      const settled = () => this.#inFlight.delete(id)
      this.send(args).then(
        (reply) => settled() && resolve(reply),
        (error: unknown) => settled() && reject(error),
      )
    })
  }

  #arm(): void {
    const oldest = this.#inFlight.values().next().value
    if (this.#timer || !oldest) return
    this.#timer = setTimeout(() => this.#expireOverdue(), Math.max(0, oldest.deadline - Date.now()))
    // A command in flight keeps its socket, and so the process, alive; the timer need not.
    this.#timer.unref()
  }

  #expireOverdue(): void {
    this.#timer = undefined
    const now = Date.now()
    for (const [id, command] of this.#inFlight) {
      if (command.deadline > now) break
      this.#inFlight.delete(id)
      command.reject(new Error(`Redis did not answer within ${this.timeoutMs} ms`))
    }
    this.#arm()
  }
}

export function createRedisDedupeStore(options: RedisDedupeStoreOptions): DedupeStore {
  const {
    client,
    keyPrefix = 'flexengage:dedupe:',
    leaseMs = DEFAULT_LEASE_MS,
    retentionMs = DEFAULT_RETENTION_MS,
    timeoutMs = 2_000,
  } = options
  const key = (eventId: string) => `${keyPrefix}${eventId}`
  // ioredis has a sendCommand too, of another shape: `call` tells the two apart.
  const send =
    'call' in client
      ? ([command, ...args]: [string, ...string[]]) => client.call(command, ...args)
      : (args: string[]) => client.sendCommand(args)
  const commands = new TimedCommands(send, timeoutMs)
  return {
    async claim(eventId): Promise<DedupeClaim> {
      // One atomic SET NX takes the lease; only a refused claim reads what holds the key.
      const lease = `lease:${crypto.randomUUID()}`
      const taken = await commands.answered('SET', key(eventId), lease, 'NX', 'PX', String(leaseMs))
      if (taken === 'OK') return { outcome: 'claimed', lease }
      // A lease that ended between the two commands reads as in progress: flexEngage simply retries.
      return { outcome: (await commands.answered('GET', key(eventId))) === DONE ? 'done' : 'in-progress' }
    },
    async complete(eventId) {
      await commands.answered('SET', key(eventId), DONE, 'PX', String(retentionMs))
    },
    async release(eventId, lease) {
      await commands.answered('EVAL', RELEASE, '1', key(eventId), lease)
    },
  }
}
