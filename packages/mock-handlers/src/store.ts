// In-memory state of the mock, per brandId. Plain data, so it snapshots and restores as JSON.
import type { Webhook, WebhookEventAttempt, WebhookEventDetail } from '@flexengage/webhooks-types'

/** An event as stored: the API's event detail plus the payload that was (or will be) delivered. */
export interface EventRecord extends WebhookEventDetail {
  data?: unknown
}

export interface MockSnapshot {
  brands: Record<string, { webhooks: Webhook[]; events: Record<string, EventRecord[]> }>
}

interface BrandState {
  webhooks: Map<string, Webhook>
  /** webhookId -> events in creation order */
  events: Map<string, EventRecord[]>
}

export class MockStore {
  #brands = new Map<string, BrandState>()

  #brand(brandId: string): BrandState {
    let brand = this.#brands.get(brandId)
    if (!brand) {
      brand = { webhooks: new Map(), events: new Map() }
      this.#brands.set(brandId, brand)
    }
    return brand
  }

  webhooks(brandId: string): Webhook[] {
    return [...(this.#brands.get(brandId)?.webhooks.values() ?? [])]
  }

  findWebhook(brandId: string, id: string): Webhook | undefined {
    return this.#brands.get(brandId)?.webhooks.get(id)
  }

  saveWebhook(brandId: string, webhook: Webhook): void {
    this.#brand(brandId).webhooks.set(webhook.id, webhook)
  }

  deleteWebhook(brandId: string, id: string): boolean {
    const brand = this.#brands.get(brandId)
    if (!brand?.webhooks.delete(id)) return false
    brand.events.delete(id)
    return true
  }

  events(brandId: string, webhookId: string): EventRecord[] {
    return this.#brands.get(brandId)?.events.get(webhookId) ?? []
  }

  findEvent(brandId: string, webhookId: string, eventId: string): EventRecord | undefined {
    return this.events(brandId, webhookId).find((event) => event.id === eventId)
  }

  addEvent(brandId: string, webhookId: string, event: EventRecord): void {
    const brand = this.#brand(brandId)
    const list = brand.events.get(webhookId) ?? []
    list.push(event)
    brand.events.set(webhookId, list)
  }

  addAttempt(event: EventRecord, attempt: WebhookEventAttempt): void {
    event.attempts.push(attempt)
    event.status = attempt.status
    event.updated = attempt.created
  }

  /**
   * An attempt ended: what was sent, what came back (nothing for a refused connection or a timeout)
   * and its status; the event takes the status its deliverer decided (e.g. PENDING while retries are due).
   */
  settleAttempt(
    event: EventRecord,
    attempt: WebhookEventAttempt,
    outcome: Pick<WebhookEventAttempt, 'request' | 'response' | 'status'>,
    eventStatus: string,
    at: string,
  ): void {
    attempt.request = outcome.request
    attempt.status = outcome.status
    if (outcome.response) attempt.response = outcome.response
    event.status = eventStatus
    event.updated = at
  }

  /**
   * After a restart: attempts that were in flight never got an answer (FAILURE), and a PENDING event
   * with no delivery still scheduled has failed.
   */
  settleInterrupted(stillScheduled: (eventId: string) => boolean): void {
    for (const brand of this.#brands.values()) {
      for (const events of brand.events.values()) {
        for (const event of events) {
          for (const attempt of event.attempts) if (attempt.status === 'PENDING') attempt.status = 'FAILURE'
          if (event.status === 'PENDING' && !stillScheduled(event.id)) event.status = 'FAILURE'
        }
      }
    }
  }

  reset(): void {
    this.#brands.clear()
  }

  /**
   * The state as plain data, sharing the live objects: for serialising at once (JSON.stringify
   * calls it). Anything kept should use snapshot(), a deep copy.
   */
  toJSON(): MockSnapshot {
    const brands: MockSnapshot['brands'] = {}
    for (const [brandId, brand] of this.#brands) {
      brands[brandId] = {
        webhooks: [...brand.webhooks.values()],
        events: Object.fromEntries(brand.events),
      }
    }
    return { brands }
  }

  snapshot(): MockSnapshot {
    return structuredClone(this.toJSON())
  }

  restore(snapshot: MockSnapshot): void {
    this.reset()
    for (const [brandId, brand] of Object.entries(structuredClone(snapshot).brands)) {
      const state = this.#brand(brandId)
      for (const webhook of brand.webhooks) state.webhooks.set(webhook.id, webhook)
      for (const [webhookId, events] of Object.entries(brand.events)) state.events.set(webhookId, events)
    }
  }
}
