// One delivery attempt: the envelope as flexEngage sends it, signed exactly as receivers verify
// (signDelivery, beside the verifier), POSTed, and what came back, for the event's attempt record.
import { signDelivery } from '@flexengage/webhooks/receiver'
import type { AttemptOutcome, EventRecord } from '@flexengage/webhooks-mock-handlers'
import type { EventEnvelope } from '@flexengage/webhooks-types'
import { type DeliveryAgents, post } from './http-post.js'
import type { SigningKey } from './signing-key.js'

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

export interface AttemptContext {
  key: SigningKey
  keyUrl: string
  agents: DeliveryAgents
  timeoutMs: number
  /** Response bodies are kept up to this many bytes; the rest is never read. */
  maxRecordedBodyBytes: number
}

/** One signed POST to `endpoint`; what was sent and what came back (no response: refused or timed out). */
export async function deliver(
  context: AttemptContext,
  target: { brandId: string; webhookId: string; endpoint: string; event: EventRecord; attemptId: string },
): Promise<AttemptOutcome> {
  const { body, headers } = await signDelivery({
    envelope: deliveryEnvelope(target.brandId, target.webhookId, target.event, target.attemptId),
    privateKey: context.key.privateKey,
    keyUrl: context.keyUrl,
  })
  const request = { endpoint: target.endpoint, headers }
  const started = performance.now()
  try {
    const answer = await post(target.endpoint, headers, body, {
      agents: context.agents,
      timeoutMs: context.timeoutMs,
      maxBodyBytes: context.maxRecordedBodyBytes,
    })
    return {
      request,
      delivered: answer.statusCode >= 200 && answer.statusCode < 300,
      response: { ...answer, time: Math.round(performance.now() - started) },
    }
  } catch {
    // Refused, reset or timed out: no response to record.
    return { request, delivered: false }
  }
}
