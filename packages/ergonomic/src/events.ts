// fe.webhooks.events: list (paginated), get, retry, retryFailed (bulk re-send).
import {
  DELIVERY_STATUS,
  type OperationId,
  type PathParamsOf,
  type QueryOf,
  type WebhookEvent,
  type WebhookEventDetail,
  windowProblem,
} from '@flexengage/webhooks-types'
import { type APIPromise, apiPromise } from './api-promise.js'
import type { OperationCaller } from './caller.js'
import { InvalidArgumentError } from './errors.js'
import { EventList, type EventQuery } from './pagination.js'
import type { RequestOptions } from './request.js'
import { optionalPositiveInteger } from './validate.js'

export type { WebhookEvent, WebhookEventDetail }

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
  event.status !== DELIVERY_STATUS.delivered && event.status !== DELIVERY_STATUS.pending

/** The caller's names for the spec's parameters, in error messages; keyed by the spec's names (typed). */
const EVENT_ARGUMENTS = {
  id: 'webhookId',
  eventId: 'eventId',
  size: 'pageSize',
  startId: 'startAfter',
} satisfies Partial<
  Record<keyof PathParamsOf<'getWebhookEvent'> | keyof QueryOf<'listWebhookEvents'>, string>
>

const isoOf = (value: Date | string | undefined) =>
  value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value?.toString()

/** The reference's rule for a window, named by the caller's arguments. */
function requireOrderedWindow(
  start: Date | string | undefined,
  end: Date | string | undefined,
  names: [string, string],
) {
  const problem = windowProblem(isoOf(start), isoOf(end))
  if (problem) throw new InvalidArgumentError(names[0], problem.replace('end', names[1]))
}

export class WebhookEvents {
  constructor(private readonly caller: OperationCaller) {}

  /** `for await (const event of list(id))`, or `.pages()`; `.cursor` resumes later. */
  list(webhookId: string, options: EventListOptions = {}): EventList {
    const { start, end, pageSize, maxItems, maxPages, startAfter, ...requestOptions } = options
    const query: EventQuery = {
      webhookId,
      start,
      end,
      pageSize,
      maxItems: optionalPositiveInteger('maxItems', maxItems),
      maxPages: optionalPositiveInteger('maxPages', maxPages),
      startAfter,
    }
    // Refused now, before the first page is asked for.
    this.caller.check(
      'listWebhookEvents',
      { path: { id: webhookId }, query: { size: pageSize, start, end, startId: startAfter } },
      { argumentNames: EVENT_ARGUMENTS },
    )
    requireOrderedWindow(start, end, ['start', 'end'])
    return new EventList(this.caller, query, requestOptions)
  }

  get(webhookId: string, eventId: string, options?: RequestOptions): APIPromise<WebhookEventDetail> {
    return apiPromise(() =>
      this.caller.callOrThrow<WebhookEventDetail>(
        'getWebhookEvent',
        { path: { id: webhookId, eventId } },
        options,
        {
          argumentNames: EVENT_ARGUMENTS,
        },
      ),
    )
  }

  /** Queues a re-send; each retry is a new attempt on the event, so it is re-sent only when the server provably did not act. */
  retry(webhookId: string, eventId: string, options?: RequestOptions): APIPromise<void> {
    return apiPromise(() =>
      this.caller.callOrThrow<void>('retryWebhookEvent', { path: { id: webhookId, eventId } }, options, {
        argumentNames: EVENT_ARGUMENTS,
      }),
    )
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
    requireOrderedWindow(since, until, ['since', 'until'])
    const events = this.list(webhookId, {
      ...requestOptions,
      ...(since === undefined ? {} : { start: since }),
      ...(until === undefined ? {} : { end: until }),
      ...(pageSize === undefined ? {} : { pageSize }),
    })
    const tally = new RetryTally(onProgress)
    const inFlight = new Set<Promise<void>>()
    for await (const event of events) {
      tally.scanned++
      if (!isFailed(event)) continue
      tally.matched++
      const task: Promise<void> = tally
        .settle(event.id, this.retry(webhookId, event.id, requestOptions))
        .finally(() => inFlight.delete(task))
      inFlight.add(task)
      if (inFlight.size >= concurrency) await Promise.race(inFlight)
    }
    await Promise.all(inFlight)
    tally.report()
    return tally.result()
  }
}

/** What `retryFailed` has done so far, reported after each retry settles. */
class RetryTally {
  scanned = 0
  matched = 0
  readonly #retried: string[] = []
  readonly #failures: RetryFailedResult['failures'] = []

  constructor(private readonly onProgress: RetryFailedOptions['onProgress']) {}

  /** Counts a retry's outcome once it settles (never rejects). */
  async settle(eventId: string, retry: PromiseLike<void>): Promise<void> {
    try {
      await retry
      this.#retried.push(eventId)
    } catch (error) {
      this.#failures.push({ eventId, error })
    }
    this.report()
  }

  report(): void {
    const { scanned, matched, retried, failed } = this.result()
    this.onProgress?.({ scanned, matched, retried, failed })
  }

  result(): RetryFailedResult {
    return {
      scanned: this.scanned,
      matched: this.matched,
      retried: this.#retried.length,
      failed: this.#failures.length,
      retriedEventIds: [...this.#retried],
      failures: [...this.#failures],
    }
  }
}

/** The operations the named methods above cover, for the coverage check. */
export const EVENT_METHODS = {
  'webhooks.events.list': 'listWebhookEvents',
  'webhooks.events.get': 'getWebhookEvent',
  'webhooks.events.retry': 'retryWebhookEvent',
} as const satisfies Record<string, OperationId>
