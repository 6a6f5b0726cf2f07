// Real deliveries: each event's signed POSTs to its webhook's endpoint, every attempt recorded
// through the event lifecycle, failures retried on an exponential schedule inside a window. Attempts
// run through one queue per endpoint, each with its own share of the slots, so a receiver that hangs
// holds only its own deliveries back; the queue, the slots and each attempt's duration are bounded.
import { randomUUID } from 'node:crypto'
import { attemptSettled, attemptStarted, type MockStore } from '@flexengage/webhooks-mock-handlers'
import { type AttemptContext, deliver } from './attempt.js'
import { DeliveryAgents } from './http-post.js'
import { type ScheduleChange, type ScheduledDelivery, scheduleKey } from './journal.js'
import type { SigningKey } from './signing-key.js'

export interface DeliveryOptions {
  /**
   * Attempts in flight at once, across every endpoint (default 64): sixteen endpoints that all hang
   * are needed before a healthy one waits.
   */
  concurrency: number
  /** Attempts in flight at once to one endpoint's origin (default 4): one that hangs holds only these. */
  concurrencyPerEndpoint: number
  /** Deliveries waiting or scheduled at most (default 10 000); beyond it triggers are refused. */
  maxPending: number
  /** Per attempt (default 10 000 ms). */
  attemptTimeoutMs: number
  /** How long failed deliveries are retried (default 1 hour, as flexEngage does). */
  retryWindowMs: number
  /** First retry delay, doubled each time (default 30 000 ms). */
  firstRetryDelayMs: number
  /** Response bodies are kept up to this many bytes (default 4096); the rest is never read. */
  maxRecordedBodyBytes: number
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  concurrency: 64,
  concurrencyPerEndpoint: 4,
  maxPending: 10_000,
  attemptTimeoutMs: 10_000,
  retryWindowMs: 60 * 60 * 1000,
  firstRetryDelayMs: 30_000,
  maxRecordedBodyBytes: 4096,
}

export interface DelivererContext {
  store: MockStore
  key: SigningKey
  /** Where this sandbox serves its public key, named in every delivery. */
  keyUrl: string
  /** Milliseconds since the epoch; the retry schedule and window are measured on it. */
  now: () => number
}

interface EventRef {
  brandId: string
  webhookId: string
  eventId: string
}

type Job =
  | { kind: 'scheduled'; entry: ScheduledDelivery }
  | ({ kind: 'manual'; attemptId: string } & EventRef)

export class Deliverer {
  readonly #scheduled = new Map<string, ScheduledDelivery>()
  readonly #timers = new Map<string, NodeJS.Timeout>()
  /** Ready jobs, one queue per endpoint origin. */
  readonly #queues = new Map<string, Job[]>()
  readonly #activeByOrigin = new Map<string, number>()
  #active = 0
  #manualPending = 0
  /** Per event: delivery chains not done yet (due, queued or in flight). */
  readonly #outstanding = new Map<string, number>()
  readonly #waiters = new Set<{ eventIds: readonly string[] | undefined; resolve: () => void }>()
  #stopped = false
  /** Told when the last attempt in flight ends (stop waits for it). */
  readonly #drained: Array<() => void> = []
  readonly #agents: DeliveryAgents
  readonly #listeners = new Set<(change: ScheduleChange) => void>()

  constructor(
    private readonly context: DelivererContext,
    private readonly options: DeliveryOptions,
  ) {
    this.#agents = new DeliveryAgents(options.concurrencyPerEndpoint)
  }

  /** Deliveries waiting or scheduled. */
  get pending(): number {
    return this.#scheduled.size + this.#manualPending
  }

  /** Whether `count` more deliveries fit under the bound. */
  canAccept(count = 1): boolean {
    return this.pending + count <= this.options.maxPending
  }

  /**
   * A new event: due now, but first sent once `saved` resolves. The entry is part of the schedule at
   * once (so the save includes it); if the save fails, the sandbox rereads its state and it is gone.
   */
  enqueue(event: EventRef, saved: Promise<unknown> = Promise.resolve()): void {
    const entry = { ...event, firstAttemptAt: null, retryIndex: 0, nextAttemptAt: this.context.now() }
    this.#began(event.eventId)
    this.#putEntry(entry)
    saved.then(
      () => {
        if (this.#scheduled.get(scheduleKey(entry)) === entry && !this.#stopped) this.#startTimer(entry)
      },
      () => this.#finished(event.eventId),
    )
  }

  /** `POST .../retry`: one more attempt, already recorded by the API as pending. */
  redeliver(event: EventRef, attemptId: string): void {
    if (this.#stopped) return
    this.#began(event.eventId)
    this.#manualPending++
    this.#ready({ kind: 'manual', ...event, attemptId })
  }

  /** Tells `listener` about every change to the schedule from now on (persistence journals them). */
  subscribe(listener: (change: ScheduleChange) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** The deliveries scheduled now, for persistence. */
  scheduledDeliveries(): ScheduledDelivery[] {
    return [...this.#scheduled.values()]
  }

  /** After a restart, or a reread after a failed save: exactly these deliveries are due. */
  replaceSchedule(entries: Iterable<ScheduledDelivery>): void {
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
    for (const entry of this.#scheduled.values()) this.#finished(entry.eventId)
    this.#scheduled.clear()
    for (const entry of entries) {
      this.#began(entry.eventId)
      this.#scheduled.set(scheduleKey(entry), entry)
      this.#startTimer(entry)
    }
  }

  /**
   * Resolves once every delivery of these events (default: of every event so far) is done: delivered,
   * or failed with no retry left in its window.
   */
  settled(eventIds?: readonly string[]): Promise<void> {
    if (this.#isSettled(eventIds)) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.add({ eventIds, resolve }))
  }

  async stop(): Promise<void> {
    this.#stopped = true
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
    this.#queues.clear()
    if (this.#active > 0) await new Promise<void>((resolve) => this.#drained.push(resolve))
    this.#agents.destroy()
  }

  #isSettled(eventIds: readonly string[] | undefined): boolean {
    if (eventIds === undefined) return this.#outstanding.size === 0
    return eventIds.every((id) => !this.#outstanding.has(id))
  }

  #began(eventId: string): void {
    this.#outstanding.set(eventId, (this.#outstanding.get(eventId) ?? 0) + 1)
  }

  #finished(eventId: string): void {
    const left = (this.#outstanding.get(eventId) ?? 1) - 1
    if (left > 0) this.#outstanding.set(eventId, left)
    else this.#outstanding.delete(eventId)
    for (const waiter of this.#waiters) {
      if (!this.#isSettled(waiter.eventIds)) continue
      this.#waiters.delete(waiter)
      waiter.resolve()
    }
  }

  #putEntry(entry: ScheduledDelivery): void {
    this.#scheduled.set(scheduleKey(entry), entry)
    this.#tell({ kind: 'scheduled', entry })
  }

  #dropEntry(entry: ScheduledDelivery): void {
    this.#scheduled.delete(scheduleKey(entry))
    this.#tell({ kind: 'unscheduled', key: scheduleKey(entry) })
  }

  #tell(change: ScheduleChange): void {
    for (const listener of this.#listeners) listener(change)
  }

  #startTimer(entry: ScheduledDelivery): void {
    const key = scheduleKey(entry)
    const timer = setTimeout(
      () => {
        this.#timers.delete(key)
        this.#ready({ kind: 'scheduled', entry })
      },
      Math.max(0, entry.nextAttemptAt - this.context.now()),
    )
    timer.unref()
    this.#timers.set(key, timer)
  }

  /** Puts a job in its endpoint's queue (a webhook that is gone ends the delivery). */
  #ready(job: Job): void {
    const { brandId, webhookId } = job.kind === 'manual' ? job : job.entry
    const webhook = this.context.store.findWebhook(brandId, webhookId)
    if (!webhook) {
      this.#done(job)
      return
    }
    const origin = new URL(webhook.endpoint).origin
    const queue = this.#queues.get(origin) ?? []
    queue.push(job)
    this.#queues.set(origin, queue)
    this.#pump()
  }

  /** Starts every job a free slot allows: no endpoint takes more than its own share. */
  #pump(): void {
    for (const [origin, queue] of this.#queues) {
      while (!this.#stopped && queue.length > 0 && this.#active < this.options.concurrency) {
        const active = this.#activeByOrigin.get(origin) ?? 0
        if (active >= this.options.concurrencyPerEndpoint) break
        this.#activeByOrigin.set(origin, active + 1)
        this.#active++
        const job = queue.shift() as Job
        this.#run(job)
          .catch(() => undefined)
          .finally(() => {
            this.#active--
            this.#activeByOrigin.set(origin, (this.#activeByOrigin.get(origin) ?? 1) - 1)
            if (this.#active === 0) for (const resolve of this.#drained.splice(0)) resolve()
            this.#pump()
          })
      }
      if (queue.length === 0) this.#queues.delete(origin)
    }
  }

  /** A delivery chain ends: its schedule entry (if any) goes, and waiters are told. */
  #done(job: Job): void {
    if (job.kind === 'manual') {
      this.#manualPending--
      this.#finished(job.eventId)
      return
    }
    this.#dropEntry(job.entry)
    this.#finished(job.entry.eventId)
  }

  async #run(job: Job): Promise<void> {
    const ref = job.kind === 'manual' ? job : job.entry
    const { store } = this.context
    const webhook = store.findWebhook(ref.brandId, ref.webhookId)
    const event = store.findEvent(ref.brandId, ref.webhookId, ref.eventId)
    if (!webhook || !event) return this.#done(job)
    const attemptId = job.kind === 'manual' ? job.attemptId : this.#startAttempt(ref, webhook.endpoint)
    const outcome = await deliver(this.#attemptContext(), {
      ...ref,
      endpoint: webhook.endpoint,
      event,
      attemptId,
    })
    const current = store.findEvent(ref.brandId, ref.webhookId, ref.eventId)
    if (!current) return this.#done(job)
    const retry =
      job.kind === 'scheduled' && !outcome.delivered
        ? this.#retryOf(job.entry, attemptId, current.attempts)
        : undefined
    const at = new Date(this.context.now()).toISOString()
    store.putEvent(
      ref.brandId,
      ref.webhookId,
      attemptSettled(current, attemptId, outcome, { retryDue: retry !== undefined, at }),
    )
    if (!retry) return this.#done(job)
    this.#putEntry(retry)
    this.#startTimer(retry)
  }

  /** Records a scheduled attempt as under way; its id. */
  #startAttempt(ref: EventRef, endpoint: string): string {
    const event = this.context.store.findEvent(ref.brandId, ref.webhookId, ref.eventId)
    const attempt = {
      id: randomUUID(),
      created: new Date(this.context.now()).toISOString(),
      request: { endpoint, headers: {} },
    }
    if (event) this.context.store.putEvent(ref.brandId, ref.webhookId, attemptStarted(event, attempt))
    return attempt.id
  }

  /** The next scheduled delivery after a failure, if it fits the retry window. */
  #retryOf(
    entry: ScheduledDelivery,
    attemptId: string,
    attempts: ReadonlyArray<{ id: string; created: string }>,
  ) {
    if (this.#stopped) return undefined
    const created = attempts.find((a) => a.id === attemptId)?.created
    const firstAttemptAt = entry.firstAttemptAt ?? (created ? Date.parse(created) : this.context.now())
    const nextAttemptAt = this.context.now() + this.options.firstRetryDelayMs * 2 ** entry.retryIndex
    if (nextAttemptAt - firstAttemptAt > this.options.retryWindowMs) return undefined
    return { ...entry, firstAttemptAt, retryIndex: entry.retryIndex + 1, nextAttemptAt }
  }

  #attemptContext(): AttemptContext {
    return {
      key: this.context.key,
      keyUrl: this.context.keyUrl,
      agents: this.#agents,
      timeoutMs: this.options.attemptTimeoutMs,
      maxRecordedBodyBytes: this.options.maxRecordedBodyBytes,
    }
  }
}
