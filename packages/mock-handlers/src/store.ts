// In-memory state of the mock, per brandId: the one owner of webhooks, events and their attempts.
// Every mutation goes through `apply`, which keeps its inverse, so a request the mock refuses after all
// (`transaction`) leaves nothing behind, and reports the change to listeners (the sandbox journals
// them) once it sticks: at once outside a transaction, when the outermost one succeeds inside one.
// Lookups by id take constant time; records are replaced whole, never edited in place.
import type { Webhook, WebhookEventDetail } from '@flexengage/webhooks-types'

/** An event as stored: the API's event detail plus the payload that was (or will be) delivered. */
export interface EventRecord extends WebhookEventDetail {
  data?: unknown
}

/** What a mutation did: a webhook put or deleted, or an event put (added or replaced). */
export type StoreChange =
  | { kind: 'webhook'; brandId: string; webhook: Webhook }
  | { kind: 'webhook-deleted'; brandId: string; webhookId: string }
  | { kind: 'event'; brandId: string; webhookId: string; event: EventRecord }

/** The state as plain data: brands as a list, so any brand name (`__proto__` too) survives JSON. */
export interface MockSnapshot {
  brands: Array<{
    brandId: string
    webhooks: Webhook[]
    events: Array<{ webhookId: string; events: EventRecord[] }>
  }>
}

/** One webhook's events in creation order, with their positions by id. */
class EventList {
  readonly ordered: EventRecord[] = []
  readonly #at = new Map<string, number>()

  find(eventId: string): EventRecord | undefined {
    const index = this.#at.get(eventId)
    return index === undefined ? undefined : this.ordered[index]
  }

  /** The position of an event, for paging from it. */
  indexOf(eventId: string): number | undefined {
    return this.#at.get(eventId)
  }

  put(event: EventRecord): EventRecord | undefined {
    const index = this.#at.get(event.id)
    if (index === undefined) {
      this.#at.set(event.id, this.ordered.push(event) - 1)
      return undefined
    }
    const previous = this.ordered[index]
    this.ordered[index] = event
    return previous
  }

  /** Takes the newest event out (only ever the one a rolled-back put just added). */
  popNewest(eventId: string): void {
    if (this.ordered.at(-1)?.id !== eventId) throw new Error(`cannot undo event ${eventId}: not the newest`)
    this.ordered.pop()
    this.#at.delete(eventId)
  }
}

interface BrandState {
  webhooks: Map<string, Webhook>
  events: Map<string, EventList>
  /** Every event of the brand in creation order, across webhooks: the newest-first feed reads it. */
  timeline: Array<{ webhookId: string; eventId: string }>
}

type Undo = () => void

/** What a transaction under way did: the inverses, and the changes its listeners are told at the end. */
interface Transaction {
  undo: Undo[]
  changes: StoreChange[]
}

export class MockStore {
  readonly #brands = new Map<string, BrandState>()
  readonly #listeners = new Set<(change: StoreChange) => void>()
  #transaction: Transaction | undefined

  #brand(brandId: string): BrandState {
    let brand = this.#brands.get(brandId)
    if (!brand) {
      brand = { webhooks: new Map(), events: new Map(), timeline: [] }
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

  /** A webhook's events, oldest first. */
  events(brandId: string, webhookId: string): readonly EventRecord[] {
    return this.#brands.get(brandId)?.events.get(webhookId)?.ordered ?? []
  }

  findEvent(brandId: string, webhookId: string, eventId: string): EventRecord | undefined {
    return this.#brands.get(brandId)?.events.get(webhookId)?.find(eventId)
  }

  /** Where an event sits among its webhook's events (oldest first), for paging from it. */
  eventIndex(brandId: string, webhookId: string, eventId: string): number | undefined {
    return this.#brands.get(brandId)?.events.get(webhookId)?.indexOf(eventId)
  }

  /** The brand's events, newest first, across webhooks; `before` is an index into the timeline. */
  *newestEvents(
    brandId: string,
    before = Number.POSITIVE_INFINITY,
  ): Generator<{ position: number; webhookId: string; event: EventRecord }> {
    const timeline = this.#brands.get(brandId)?.timeline ?? []
    for (let position = Math.min(before, timeline.length) - 1; position >= 0; position--) {
      const { webhookId, eventId } = timeline[position] as { webhookId: string; eventId: string }
      const event = this.findEvent(brandId, webhookId, eventId)
      if (event) yield { position, webhookId, event }
    }
  }

  brandIds(): string[] {
    return [...this.#brands.keys()]
  }

  putWebhook(brandId: string, webhook: Webhook): void {
    this.apply({ kind: 'webhook', brandId, webhook })
  }

  deleteWebhook(brandId: string, webhookId: string): boolean {
    if (!this.findWebhook(brandId, webhookId)) return false
    this.apply({ kind: 'webhook-deleted', brandId, webhookId })
    return true
  }

  putEvent(brandId: string, webhookId: string, event: EventRecord): void {
    this.apply({ kind: 'event', brandId, webhookId, event })
  }

  /** The one mutation path: applies a change, keeps its inverse, and tells the listeners once it sticks. */
  apply(change: StoreChange): void {
    const undo = this.#applied(change)
    if (!this.#transaction) {
      this.#tell(change)
      return
    }
    this.#transaction.undo.push(undo)
    this.#transaction.changes.push(change)
  }

  #tell(change: StoreChange): void {
    for (const listener of this.#listeners) listener(change)
  }

  #applied(change: StoreChange): Undo {
    const brand = this.#brand(change.brandId)
    if (change.kind === 'webhook') {
      const previous = brand.webhooks.get(change.webhook.id)
      brand.webhooks.set(change.webhook.id, change.webhook)
      return () =>
        previous ? brand.webhooks.set(previous.id, previous) : brand.webhooks.delete(change.webhook.id)
    }
    if (change.kind === 'webhook-deleted') {
      const webhook = brand.webhooks.get(change.webhookId)
      const events = brand.events.get(change.webhookId)
      brand.webhooks.delete(change.webhookId)
      brand.events.delete(change.webhookId)
      return () => {
        if (webhook) brand.webhooks.set(webhook.id, webhook)
        if (events) brand.events.set(change.webhookId, events)
      }
    }
    const list = brand.events.get(change.webhookId) ?? new EventList()
    brand.events.set(change.webhookId, list)
    const previous = list.put(change.event)
    if (previous) return () => list.put(previous)
    brand.timeline.push({ webhookId: change.webhookId, eventId: change.event.id })
    return () => {
      list.popNewest(change.event.id)
      brand.timeline.pop()
    }
  }

  /**
   * Runs `work` (synchronous); if it throws, every change it made is undone before the error goes on
   * and no listener hears of them. Nested transactions join the outermost one.
   */
  transaction<T>(work: () => T): T {
    const outer = this.#transaction
    const mine: Transaction = { undo: [], changes: [] }
    this.#transaction = mine
    try {
      const result = work()
      this.#transaction = outer
      if (outer) {
        outer.undo.push(...mine.undo)
        outer.changes.push(...mine.changes)
      } else for (const change of mine.changes) this.#tell(change)
      return result
    } catch (error) {
      for (const inverse of mine.undo.reverse()) inverse()
      throw error
    } finally {
      this.#transaction = outer
    }
  }

  /** Tells `listener` about every change that sticks from now on; returns the unsubscribe. */
  subscribe(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  reset(): void {
    this.#brands.clear()
  }

  /** A deep copy of the state as plain data. */
  snapshot(): MockSnapshot {
    return structuredClone({
      brands: [...this.#brands].map(([brandId, brand]) => ({
        brandId,
        webhooks: [...brand.webhooks.values()],
        events: [...brand.events].map(([webhookId, list]) => ({ webhookId, events: list.ordered })),
      })),
    })
  }

  /** Back to a snapshot; listeners are not told (nothing changed that a journal has not got). */
  restore(snapshot: MockSnapshot): void {
    this.reset()
    for (const { brandId, webhooks, events } of structuredClone(snapshot).brands) {
      const brand = this.#brand(brandId)
      for (const webhook of webhooks) brand.webhooks.set(webhook.id, webhook)
      // Across webhooks in creation order (a stable sort keeps each webhook's own order), so the
      // brand's newest-first feed reads as it did.
      const all = events.flatMap(({ webhookId, events: list }) => list.map((event) => ({ webhookId, event })))
      all.sort((a, b) => Date.parse(a.event.created) - Date.parse(b.event.created))
      for (const { webhookId, event } of all) this.#applied({ kind: 'event', brandId, webhookId, event })
    }
  }
}
