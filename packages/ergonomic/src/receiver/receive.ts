// One delivery, start to finish: verify -> find the handler -> claim the event -> run the handler ->
// complete or release the claim -> the JSON answer. Every adapter ends here.
import type { VerifiedEvent } from '@flexengage/webhooks-types'
import type { DedupeStore } from './dedupe.js'
import { SignatureVerificationError } from './errors.js'
import { type EventHandlers, findHandler, type Handler, type UnlistedEventHandlers } from './routing.js'
import type { Delivery, Verifier } from './verify.js'

/**
 * `busy`: another delivery of the event holds a live lease (not acknowledged: flexEngage comes back).
 * `unavailable`: the dedupe store could not be asked; the handler did not run (flexEngage retries).
 */
export type ReceiveOutcome =
  | 'handled'
  | 'duplicate'
  | 'unhandled'
  | 'rejected'
  | 'failed'
  | 'busy'
  | 'unavailable'

export interface ReceiveResult {
  status: number
  outcome: ReceiveOutcome
  /** The JSON answer sent back to flexEngage. */
  body: string
  /** The verified event (absent when the delivery was refused before it was read). */
  event?: VerifiedEvent
  error?: unknown
}

/** What receiving needs: the verifier, the handlers, the dedupe store (if any), where errors go. */
export interface Receiving {
  verify: Verifier
  on: EventHandlers
  unlisted: UnlistedEventHandlers | undefined
  dedupe: DedupeStore | undefined
  onError: ((error: unknown) => void) | undefined
}

/** The `error` of each refused outcome's JSON answer. */
const ERROR_OF: Partial<Record<ReceiveOutcome, string>> = {
  failed: 'handler_failed',
  busy: 'in_progress',
  unavailable: 'dedupe_unavailable',
}

export const json = (value: unknown) => JSON.stringify(value)

function statusFor(error: SignatureVerificationError): number {
  if (error.reason === 'body_too_large') return 413
  // Genuine, but its data breaks the spec's payload schema: the typed handler must not see it.
  if (error.reason === 'invalid_payload') return 422
  // Our side could not get the key: a later attempt may succeed.
  if (error.reason === 'key_fetch_failed') return 503
  return 400
}

/**
 * The answer to a refused delivery, whichever stage refused it. A failed key fetch is not described
 * to the sender (what a URL answered is ours to know); `onError` gets the detail.
 */
export function rejected(
  receiving: Pick<Receiving, 'onError'>,
  error: SignatureVerificationError,
): ReceiveResult {
  receiving.onError?.(error)
  const message =
    error.reason === 'key_fetch_failed'
      ? 'the signing key could not be fetched; try again later'
      : error.message
  return {
    status: statusFor(error),
    outcome: 'rejected',
    error,
    body: json({ error: error.reason, message }),
  }
}

/** The answer about a verified event. */
function answer(
  event: VerifiedEvent,
  status: number,
  outcome: ReceiveOutcome,
  error?: unknown,
): ReceiveResult {
  const body =
    status < 300
      ? { received: true, eventId: event.id, outcome }
      : { error: ERROR_OF[outcome], eventId: event.id }
  return { status, outcome, event, ...(error === undefined ? {} : { error }), body: json(body) }
}

/** A store write after the handler ran: its failure is reported, never turned into a retry. */
async function reportingFailure(receiving: Receiving, write: () => unknown): Promise<void> {
  try {
    await write()
  } catch (error) {
    receiving.onError?.(error)
  }
}

/** Runs the handler holding `lease` on the event (none without a store), then completes or releases it. */
async function runHandler(
  receiving: Receiving,
  event: VerifiedEvent,
  handler: Handler<VerifiedEvent>,
  lease: string,
) {
  const { dedupe } = receiving
  try {
    await handler(event, { eventId: event.id, attemptId: event.attemptId })
  } catch (error) {
    // Not acknowledged: flexEngage retries, and the retry must run the handler again.
    await reportingFailure(receiving, () => dedupe?.release(event.id, lease))
    receiving.onError?.(error)
    return answer(event, 500, 'failed', error)
  }
  // The handler's effect happened: acknowledge it even if the done mark cannot be written (the lease
  // then simply expires; flexEngage does not redeliver an acknowledged attempt).
  await reportingFailure(receiving, () => dedupe?.complete(event.id, lease))
  return answer(event, 200, 'handled')
}

/** Claims the event and runs its handler, or says why not. */
async function handle(
  receiving: Receiving,
  event: VerifiedEvent,
  handler: Handler<VerifiedEvent>,
): Promise<ReceiveResult> {
  if (!receiving.dedupe) return runHandler(receiving, event, handler, '')
  let claim: Awaited<ReturnType<DedupeStore['claim']>>
  try {
    claim = await receiving.dedupe.claim(event.id)
  } catch (error) {
    // Without a claim the handler could run twice: refuse, and let flexEngage retry.
    receiving.onError?.(error)
    return answer(event, 503, 'unavailable', error)
  }
  if (claim.outcome === 'done') return answer(event, 200, 'duplicate')
  if (claim.outcome === 'in-progress') return answer(event, 409, 'busy')
  return runHandler(receiving, event, handler, claim.lease)
}

export async function receive(receiving: Receiving, delivery: Delivery): Promise<ReceiveResult> {
  let event: VerifiedEvent
  try {
    event = await receiving.verify(delivery)
  } catch (error) {
    if (error instanceof SignatureVerificationError) return rejected(receiving, error)
    receiving.onError?.(error)
    return { status: 500, outcome: 'failed', error, body: json({ error: 'verification_failed' }) }
  }
  const handler = findHandler(receiving.on, receiving.unlisted, event.type)
  if (!handler) return answer(event, 200, 'unhandled')
  return handle(receiving, event, handler)
}
