// fe.webhooks.events: list (paginated), get, retry, retryFailed (bulk re-send).
import type { WebhookEventResponse, WebhookEventSummary } from '@flexengage/webhooks-fetch-client'
import { type APIPromise, apiPromise } from './api-promise.js'
import { InvalidArgumentError } from './errors.js'
import { EventList } from './pagination.js'
import { parseEventDetail } from './parse.js'
import type { RequestOptions, Transport } from './transport.js'
import { optionalDate, optionalPositiveInteger, requireUuid, requireWindow } from './validate.js'

export type WebhookEvent = WebhookEventSummary
export type WebhookEventDetail = WebhookEventResponse

export interface EventListOptions extends RequestOptions {
  start?: Date | string
  end?: Date | string
  /** Events per request (the API's `size`). */
  pageSize?: number
  /** Stop after this many events. */
  maxItems?: number
  /** Stop after this many pages. */
  maxPages?: number
  /** Resume after this event id (an earlier list's `cursor`). */
  startAfter?: string
}

export interface RetryFailedProgress {
  scanned: number
  matched: number
  retried: number
  failed: number
}

export interface RetryFailedOptions extends RequestOptions {
  since?: Date | string
  until?: Date | string
  /** Retries in flight at once (default 4). */
  concurrency?: number
  pageSize?: number
  /** Which events to re-send; default: status neither SUCCESS nor PENDING. */
  isFailed?: (event: WebhookEvent) => boolean
  onProgress?: (progress: RetryFailedProgress) => void
}

export interface RetryFailedResult extends RetryFailedProgress {
  retriedEventIds: string[]
  failures: Array<{ eventId: string; error: unknown }>
}

/** Failed: delivered neither successfully nor still on its way (the status set is open). */
export const isFailedEvent = (event: WebhookEvent): boolean =>
  event.status !== 'SUCCESS' && event.status !== 'PENDING'

export class WebhookEvents {
  constructor(
    private readonly transport: Transport,
    private readonly brandId: string,
  ) {}

  /** `for await (const event of list(id))`, or `.pages()`; `.cursor` resumes later. */
  list(webhookId: string, options: EventListOptions = {}): EventList {
    const { start, end, pageSize, maxItems, maxPages, startAfter, ...requestOptions } = options
    const query = {
      brandId: this.brandId,
      webhookId: requireUuid('webhookId', webhookId),
      start: optionalDate('start', start),
      end: optionalDate('end', end),
      pageSize: optionalPositiveInteger('pageSize', pageSize),
      maxItems: optionalPositiveInteger('maxItems', maxItems),
      maxPages: optionalPositiveInteger('maxPages', maxPages),
      startAfter: startAfter === undefined ? undefined : requireUuid('startAfter', startAfter),
    }
    requireWindow(query.start, query.end)
    return new EventList(this.transport, query, requestOptions)
  }

  get(webhookId: string, eventId: string, options?: RequestOptions): APIPromise<WebhookEventDetail> {
    return apiPromise(async () => {
      const id = requireUuid('webhookId', webhookId)
      const event = requireUuid('eventId', eventId)
      return this.transport.request(
        {
          operation: 'getWebhookEvent',
          retryable: true,
          call: (api) => api.getWebhookEventRaw({ brandId: this.brandId, id, eventId: event }),
          parse: parseEventDetail,
        },
        options,
      )
    })
  }

  /** Queues a re-send; each retry is a new attempt on the event. */
  retry(webhookId: string, eventId: string, options?: RequestOptions): APIPromise<void> {
    return apiPromise(async () => {
      const id = requireUuid('webhookId', webhookId)
      const event = requireUuid('eventId', eventId)
      return this.transport.request(
        {
          operation: 'retryWebhookEvent',
          retryable: true,
          call: (api) => api.retryWebhookEventRaw({ brandId: this.brandId, id, eventId: event }),
          parse: () => undefined,
        },
        options,
      )
    })
  }

  /** Re-sends every failed event in a window, `concurrency` at a time, reporting progress. */
  async retryFailed(webhookId: string, options: RetryFailedOptions = {}): Promise<RetryFailedResult> {
    const {
      since,
      until,
      concurrency = 4,
      pageSize,
      isFailed = isFailedEvent,
      onProgress,
      ...requestOptions
    } = options
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new InvalidArgumentError(
        'concurrency',
        `must be an integer from 1 to 64, got ${String(concurrency)}`,
      )
    }
    const events = this.list(webhookId, {
      ...requestOptions,
      ...(since === undefined ? {} : { start: since }),
      ...(until === undefined ? {} : { end: until }),
      ...(pageSize === undefined ? {} : { pageSize }),
    })
    const result: RetryFailedResult = {
      scanned: 0,
      matched: 0,
      retried: 0,
      failed: 0,
      retriedEventIds: [],
      failures: [],
    }
    const report = () =>
      onProgress?.({
        scanned: result.scanned,
        matched: result.matched,
        retried: result.retried,
        failed: result.failed,
      })
    const inFlight = new Set<Promise<void>>()
    for await (const event of events) {
      result.scanned++
      if (!isFailed(event)) continue
      result.matched++
      const task: Promise<void> = this.retry(webhookId, event.id, requestOptions)
        .then(
          () => {
            result.retried++
            result.retriedEventIds.push(event.id)
          },
          (error: unknown) => {
            result.failed++
            result.failures.push({ eventId: event.id, error })
          },
        )
        .finally(() => {
          inFlight.delete(task)
          report()
        })
      inFlight.add(task)
      if (inFlight.size >= concurrency) await Promise.race(inFlight)
    }
    await Promise.all(inFlight)
    report()
    return result
  }
}
