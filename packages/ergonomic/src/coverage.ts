// Which operations of the spec have a named method: the coverage check (tools/gates/check-coverage.mjs)
// compares these with the operation table, so a new operation is never silently left out.
import type { OperationId } from '@flexengage/webhooks-types'
import { EVENT_METHODS } from './events.js'
import { WEBHOOK_METHODS } from './webhooks.js'

/** Named method -> the operation it calls. */
export const NAMED_METHODS: Readonly<Record<string, OperationId>> = { ...WEBHOOK_METHODS, ...EVENT_METHODS }

/**
 * Operations deliberately left to `fe.request(operationId, ...)`, each with the reason. A new
 * operation of the spec must get a named method or an entry here.
 */
export const ESCAPE_HATCH_ONLY: Readonly<Partial<Record<OperationId, string>>> = {}
