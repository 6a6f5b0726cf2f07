// Real deliveries: signed POSTs to each webhook's endpoint, every attempt recorded in the API's attempt
// model, failures retried on an exponential schedule inside a window. Concurrency, the queue and each
// attempt's duration are bounded, so a receiver that hangs cannot exhaust memory.
import { randomUUID } from 'node:crypto'
import { signDelivery } from '@flexengage/webhooks/receiver'
import type { EventRecord, FlexEngageMock } from '@flexengage/webhooks-mock-handlers'
import type { EventEnvelope, WebhookEventAttempt } from '@flexengage/webhooks-types'
import { DeliveryAgents, post } from './http-post.js'
import type { ScheduledDelivery } from './persistence.js'
import type { SigningKey } from './signing-key.js'

export interface DeliveryOptions {
  /** Attempts in flight at once (default 8). */
  concurrency: number
  /** Deliveries waiting or scheduled at most (default 10 000); beyond it triggers are refused. */
  maxPending: number
  /** Per attempt (default 10 000 ms). */
  attemptTimeoutMs: number
  /** How long failed deliveries are retried (default 1 hour, as flexEngage does). */
  retryWindowMs: number
  /** First retry delay, doubled each time (default 30 000 ms). */
  firstRetryDelayMs: number
  /** Response bodies are kept up to this many characters (default 4096). */
  maxRecordedBodyChars: number
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  concurrency: 8,
  maxPending: 10_000,
  attemptTimeoutMs: 10_000,
  retryWindowMs: 60 * 60 * 1000,
  firstRetryDelayMs: 30_000,
  maxRecordedBodyChars: 4096,
}

export interface DeliveryContext {
  mock: FlexEngageMock
  key: SigningKey
  keyUrl: () => string
  /** Called after every state change that must reach the disk. */
  changed: () => void
  /** Milliseconds since the epoch; the retry schedule and window are measured on it. */
  now: () => number
}

type Job =
  | { kind: 'scheduled'; entry: ScheduledDelivery }
  | { kind: 'manual'; brandId: string; webhookId: string; eventId: string; attempt: WebhookEventAttempt }

/** What one attempt of an event carries, signed exactly as this (and the inspector's check) builds it. */
export function deliveryEnvelope(
  brandId: string,
  webhookId: string,
  event: EventRecord,
  attemptId: string,
): EventEnvelope {
  return {
    id: event.id,
    brandId,
    webhookId,
    attemptId,
    created: event.created,
    type: event.type,
    data: (event.data ?? {}) as EventEnvelope['data'],
  }
}

export class Deliverer {
  readonly #scheduled = new Map<string, ScheduledDelivery>()
  readonly #timers = new Map<string, NodeJS.Timeout>()
  readonly #ready: Job[] = []
  #active = 0
  #idle: Array<() => void> = []
  #stopped = false
  readonly #agents: DeliveryAgents

  constructor(
    private readonly context: DeliveryContext,
    private readonly options: DeliveryOptions,
  ) {
    this.#agents = new DeliveryAgents(options.concurrency)
  }

  get pending(): number {
    return this.#scheduled.size + this.#ready.filter((job) => job.kind === 'manual').length
  }

  get canAccept(): boolean {
    return this.pending < this.options.maxPending
  }

  /**
   * A new event: due now, but first sent once `saved` resolves. The entry is part of the schedule at
   * once (so the save includes it); if the save fails, nothing was delivered and the undo removes it.
   */
  enqueue(
    brandId: string,
    webhookId: string,
    eventId: string,
    saved: Promise<unknown> = Promise.resolve(),
  ): void {
    const entry = {
      brandId,
      webhookId,
      eventId,
      firstAttemptAt: null,
      retryIndex: 0,
      nextAttemptAt: this.context.now(),
    }
    const key = this.#key(entry)
    this.#scheduled.set(key, entry)
    saved.then(
      () => {
        if (this.#scheduled.get(key) === entry && !this.#stopped) this.#startTimer(entry)
      },
      () => undefined,
    )
  }

  /** `POST .../retry`: one more attempt, already recorded by the API as PENDING. */
  redeliver(brandId: string, webhookId: string, eventId: string, attempt: WebhookEventAttempt): void {
    this.#ready.push({ kind: 'manual', brandId, webhookId, eventId, attempt })
    this.#pump()
  }

  /** Scheduled deliveries, for persistence. */
  schedule(): ScheduledDelivery[] {
    return [...this.#scheduled.values()]
  }

  /** After a restart: resume what was scheduled. */
  resume(entries: ScheduledDelivery[]): void {
    for (const entry of entries) this.#schedule(entry)
  }

  /** Back to a saved schedule (a write that could not be saved is undone): nothing else stays due. */
  replaceSchedule(entries: ScheduledDelivery[]): void {
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
    this.#scheduled.clear()
    const manual = this.#ready.filter((job) => job.kind === 'manual')
    this.#ready.length = 0
    this.#ready.push(...manual)
    this.resume(entries)
  }

  /** Resolves when nothing is in flight or waiting to run now (scheduled retries may remain). */
  whenIdle(): Promise<void> {
    if (this.#active === 0 && this.#ready.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }

  async stop(): Promise<void> {
    this.#stopped = true
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
    this.#ready.length = 0
    await this.whenIdle()
    this.#agents.destroy()
  }

  #key(entry: { brandId: string; webhookId: string; eventId: string }) {
    return `${entry.brandId}\u0000${entry.webhookId}\u0000${entry.eventId}`
  }

  #schedule(entry: ScheduledDelivery): void {
    this.#scheduled.set(this.#key(entry), entry)
    this.#startTimer(entry)
  }

  #startTimer(entry: ScheduledDelivery): void {
    const key = this.#key(entry)
    const wait = Math.max(0, entry.nextAttemptAt - this.context.now())
    const timer = setTimeout(() => {
      this.#timers.delete(key)
      this.#ready.push({ kind: 'scheduled', entry })
      this.#pump()
    }, wait)
    timer.unref()
    this.#timers.set(key, timer)
  }

  #pump(): void {
    while (!this.#stopped && this.#active < this.options.concurrency && this.#ready.length > 0) {
      const job = this.#ready.shift() as Job
      this.#active++
      this.#run(job)
        .catch(() => undefined)
        .finally(() => {
          this.#active--
          this.#pump()
          if (this.#active === 0 && this.#ready.length === 0)
            for (const resolve of this.#idle.splice(0)) resolve()
        })
    }
  }

  async #run(job: Job): Promise<void> {
    const { brandId, webhookId, eventId } = job.kind === 'manual' ? job : job.entry
    const webhook = this.context.mock.store.findWebhook(brandId, webhookId)
    const event = this.context.mock.store.findEvent(brandId, webhookId, eventId)
    if (!webhook || !event) {
      if (job.kind === 'scheduled') this.#scheduled.delete(this.#key(job.entry))
      return
    }
    const attempt = job.kind === 'manual' ? job.attempt : this.#newAttempt(event, webhook.endpoint)
    const outcome = await this.#attempt(brandId, webhookId, webhook.endpoint, event, attempt)
    const succeeded = outcome.status === 'SUCCESS'
    let eventStatus: string
    if (job.kind === 'manual') {
      eventStatus = outcome.status
    } else {
      const entry = job.entry
      const key = this.#key(entry)
      entry.firstAttemptAt ??= Date.parse(attempt.created)
      const nextAttemptAt = this.context.now() + this.options.firstRetryDelayMs * 2 ** entry.retryIndex
      const retryFits = !this.#stopped && nextAttemptAt - entry.firstAttemptAt <= this.options.retryWindowMs
      if (!succeeded && retryFits)
        this.#schedule({ ...entry, retryIndex: entry.retryIndex + 1, nextAttemptAt })
      else this.#scheduled.delete(key)
      eventStatus = succeeded ? 'SUCCESS' : retryFits ? 'PENDING' : 'FAILURE'
    }
    this.context.mock.store.settleAttempt(
      event,
      attempt,
      outcome,
      eventStatus,
      new Date(this.context.now()).toISOString(),
    )
    this.context.changed()
  }

  #newAttempt(event: EventRecord, endpoint: string): WebhookEventAttempt {
    const attempt: WebhookEventAttempt = {
      id: randomUUID(),
      created: new Date(this.context.now()).toISOString(),
      status: 'PENDING',
      request: { endpoint, headers: {} },
    }
    this.context.mock.store.addAttempt(event, attempt)
    this.context.changed()
    return attempt
  }

  /** One signed POST; returns what was sent and what came back, for the store to record. */
  async #attempt(
    brandId: string,
    webhookId: string,
    endpoint: string,
    event: EventRecord,
    attempt: WebhookEventAttempt,
  ): Promise<Pick<WebhookEventAttempt, 'request' | 'response' | 'status'>> {
    const { body, headers } = await signDelivery({
      envelope: deliveryEnvelope(brandId, webhookId, event, attempt.id),
      privateKey: this.context.key.privateKey,
      keyUrl: this.context.keyUrl(),
    })
    const request = { endpoint, headers }
    const started = performance.now()
    try {
      const response = await post(endpoint, headers, body, {
        agents: this.#agents,
        timeoutMs: this.options.attemptTimeoutMs,
      })
      return {
        request,
        status: response.statusCode >= 200 && response.statusCode < 300 ? 'SUCCESS' : 'FAILURE',
        response: {
          ...response,
          body: response.body.slice(0, this.options.maxRecordedBodyChars),
          time: Math.round(performance.now() - started),
        },
      }
    } catch {
      // Refused, reset or timed out: no response to record.
      return { request, status: 'FAILURE' }
    }
  }
}
