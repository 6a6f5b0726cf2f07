// How an event's status and its attempts' statuses change: one home for every transition, used by
// the mock (seeding, the retry operation) and the sandbox (its deliverer, a restart). Each function
// returns a new record; the store replaces the old one whole.
import { DELIVERY_STATUS, type WebhookEventAttempt } from '@flexengage/webhooks-types'
import type { EventRecord } from './store.js'

/** What an attempt that ended sent and got: no response for a refused connection or a timeout. */
export type AttemptOutcome = Pick<WebhookEventAttempt, 'request' | 'response'> & { delivered: boolean }

/** A new event: pending until a delivery settles it, unless its (seeded) attempts say otherwise. */
export function newEvent(input: {
  id: string
  type: string
  created: string
  data: unknown
  attempts?: WebhookEventAttempt[]
  status?: string
}): EventRecord {
  const attempts = input.attempts ?? []
  const last = attempts.at(-1)
  return {
    id: input.id,
    type: input.type,
    created: input.created,
    updated: last?.created ?? input.created,
    status: input.status ?? last?.status ?? DELIVERY_STATUS.pending,
    attempts,
    data: input.data,
  }
}

/** One more attempt under way (a scheduled delivery or a retry): it and the event are pending. */
export function attemptStarted(
  event: EventRecord,
  attempt: { id: string; created: string; request: WebhookEventAttempt['request'] },
): EventRecord {
  const started: WebhookEventAttempt = { ...attempt, status: DELIVERY_STATUS.pending }
  return {
    ...event,
    attempts: [...event.attempts, started],
    status: DELIVERY_STATUS.pending,
    updated: attempt.created,
  }
}

/**
 * An attempt ended: it succeeded on a 2xx, failed otherwise. The event is delivered once an attempt
 * succeeds, pending while another delivery is due (`retryDue`), and failed when none is.
 */
export function attemptSettled(
  event: EventRecord,
  attemptId: string,
  outcome: AttemptOutcome,
  { retryDue, at }: { retryDue: boolean; at: string },
): EventRecord {
  const status = outcome.delivered ? DELIVERY_STATUS.delivered : DELIVERY_STATUS.failed
  const attempts = event.attempts.map((attempt) =>
    attempt.id === attemptId
      ? {
          ...attempt,
          request: outcome.request,
          status,
          ...(outcome.response ? { response: outcome.response } : {}),
        }
      : attempt,
  )
  const eventStatus = outcome.delivered
    ? DELIVERY_STATUS.delivered
    : retryDue
      ? DELIVERY_STATUS.pending
      : DELIVERY_STATUS.failed
  return { ...event, attempts, status: eventStatus, updated: at }
}

/**
 * After a restart: attempts that were under way never got an answer (failed), and a pending event
 * with no delivery still due has failed. Undefined when nothing changes.
 */
export function afterInterruption(event: EventRecord, stillDue: boolean): EventRecord | undefined {
  const interrupted = event.attempts.some((attempt) => attempt.status === DELIVERY_STATUS.pending)
  const abandoned = event.status === DELIVERY_STATUS.pending && !stillDue
  if (!interrupted && !abandoned) return undefined
  return {
    ...event,
    attempts: event.attempts.map((a) =>
      a.status === DELIVERY_STATUS.pending ? { ...a, status: DELIVERY_STATUS.failed } : a,
    ),
    status: abandoned ? DELIVERY_STATUS.failed : event.status,
  }
}
