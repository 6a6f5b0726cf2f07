// Events as an async iterator over cursor pages: stops early, resumes from a cursor, never loops.
import type { WebhookEvent, WebhookEventsPage } from '@flexengage/webhooks-types'
import type { OperationCaller } from './caller.js'
import { PaginationError } from './errors.js'
import type { RequestOptions } from './request.js'

export interface EventPage {
  events: WebhookEvent[]
  /** Pass as `startAfter` to continue after this page later. */
  cursor: string | undefined
}

export interface EventQuery {
  webhookId: string
  start: Date | string | undefined
  end: Date | string | undefined
  pageSize: number | undefined
  maxItems: number | undefined
  maxPages: number | undefined
  startAfter: string | undefined
}

export class EventList implements AsyncIterable<WebhookEvent> {
  #cursor: string | undefined

  constructor(
    private readonly caller: OperationCaller,
    private readonly query: EventQuery,
    private readonly options: RequestOptions,
  ) {
    this.#cursor = query.startAfter
  }

  /** The id of the last event handed out: resume with `list(id, { startAfter: cursor })`. */
  get cursor(): string | undefined {
    return this.#cursor
  }

  async *pages(): AsyncGenerator<EventPage> {
    const { webhookId, start, end, pageSize, maxItems, maxPages } = this.query
    const sentCursors = new Set<string>()
    let items = 0
    for (let pages = 0; maxPages === undefined || pages < maxPages; pages++) {
      const startId = this.#cursor
      if (startId !== undefined) {
        if (sentCursors.has(startId)) {
          throw new PaginationError(
            `The events cursor stopped advancing at ${startId}; stopping instead of looping`,
          )
        }
        sentCursors.add(startId)
      }
      const { data } = await this.caller.callOrThrow<WebhookEventsPage>(
        'listWebhookEvents',
        { path: { id: webhookId }, query: { size: pageSize, start, end, startId } },
        this.options,
      )
      // Servers that treat startId as inclusive send the cursor event again: drop it.
      let events =
        startId !== undefined && data.events[0]?.id === startId ? data.events.slice(1) : data.events
      if (maxItems !== undefined) events = events.slice(0, maxItems - items)
      if (events.length === 0) return
      items += events.length
      this.#cursor = events.at(-1)?.id
      yield { events, cursor: this.#cursor }
      const full = data.events.length >= (data.page.size || pageSize || 1)
      if (!full || (maxItems !== undefined && items >= maxItems)) return
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WebhookEvent> {
    for await (const page of this.pages()) {
      for (const event of page.events) {
        // A caller that breaks out mid-page resumes right after the last event it saw.
        this.#cursor = event.id
        yield event
      }
    }
  }
}
