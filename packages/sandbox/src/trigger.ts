// Triggering an event: what a trigger may carry, and the events it creates (one per enabled webhook
// of the brand subscribed to its type). Refused input is never stored or scheduled.
import {
  checkEventData,
  type FlexEngageMock,
  InvalidEventDataError,
  isJsonContentType,
  jsonDepth,
  MAX_JSON_DEPTH,
} from '@flexengage/webhooks-mock-handlers'
import { DELIVERY_STATUS, isValidEventType, matchesEventType, specSchemas } from '@flexengage/webhooks-types'

export interface TriggerOptions {
  /** Deliver data that breaks the type's payload schema (default false: refused, naming the field). */
  allowInvalidData?: boolean
}

export interface TriggeredEvent {
  id: string
  webhookId: string
}

/** A trigger the sandbox refuses; `validations` names each bad field, as the API's 422 does. */
export class SandboxInputError extends Error {
  override readonly name = 'SandboxInputError'

  constructor(
    message: string,
    readonly validations?: Record<string, string>,
  ) {
    super(message)
  }
}

/** A trigger the sandbox refuses with another status than 422: too large, not JSON, too many pending. */
export class TriggerRefused extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    description: string,
  ) {
    super(description)
  }
}

export interface TriggerInput {
  type: string
  data: unknown
  allowInvalidData: boolean
}

/** A trigger's body: `{ "type", "data", "allowInvalidData" }` as JSON. */
export function parseTrigger(text: string, contentType: string | null): TriggerInput {
  if (text !== '' && !isJsonContentType(contentType)) {
    throw new TriggerRefused(
      415,
      'UNSUPPORTED MEDIA TYPE',
      'the body must be JSON (Content-Type: application/json)',
    )
  }
  // Refused before parsing: such data could never be stored or delivered.
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new SandboxInputError(`the body must not be nested deeper than ${MAX_JSON_DEPTH} levels`)
  }
  let input: unknown
  try {
    input = text === '' ? {} : JSON.parse(text)
  } catch {
    throw new TriggerRefused(400, 'BAD REQUEST', 'the body is not JSON')
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SandboxInputError('the body must be a JSON object such as {"type": ..., "data": {...}}')
  }
  const { type, data, allowInvalidData } = input as Record<string, unknown>
  return { type: String(type ?? ''), data: data ?? {}, allowInvalidData: allowInvalidData === true }
}

/** Refuses data the sandbox could not store, persist and deliver, or its type's schema refuses. */
function checkTrigger({ type, data, allowInvalidData }: TriggerInput): void {
  if (!isValidEventType(type)) {
    throw new SandboxInputError(
      `type must be a dot-separated upper-case event type such as ${specSchemas.EventType.example}`,
    )
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new SandboxInputError('data must be a JSON object')
  let serialized: string
  try {
    serialized = JSON.stringify(data)
  } catch {
    throw new SandboxInputError('data must be JSON-serialisable')
  }
  if (jsonDepth(serialized) > MAX_JSON_DEPTH) {
    throw new SandboxInputError(`data must not be nested deeper than ${MAX_JSON_DEPTH} levels`)
  }
  try {
    checkEventData(type, data, allowInvalidData)
  } catch (error) {
    if (error instanceof InvalidEventDataError) throw new SandboxInputError(error.message, error.validations)
    throw error
  }
}

/**
 * Creates the trigger's events, one per enabled webhook subscribed to its type. `canAccept(n)` says
 * whether n more deliveries fit the pending bound: beyond it nothing is created (503).
 */
export function createEvents(
  mock: FlexEngageMock,
  brandId: string,
  input: TriggerInput,
  canAccept: (count: number) => boolean,
): TriggeredEvent[] {
  checkTrigger(input)
  const targets = mock.store
    .webhooks(brandId)
    .filter(
      (webhook) =>
        webhook.enabled && webhook.events.some((subscribed) => matchesEventType(subscribed, input.type)),
    )
  if (!canAccept(targets.length)) {
    throw new TriggerRefused(
      503,
      'SERVICE UNAVAILABLE',
      `${targets.length} more deliveries would pass the bound on pending deliveries; retry later`,
    )
  }
  const { type, data } = input
  // The data was checked once above (checkTrigger), for every target: seeding does not check it again.
  const seeded = { type, data, status: DELIVERY_STATUS.pending, allowInvalidData: true }
  return targets.map((webhook) => ({
    id: mock.seedEvent(brandId, webhook.id, seeded).id,
    webhookId: webhook.id,
  }))
}
