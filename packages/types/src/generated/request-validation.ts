// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
import type { specFormats } from '../formats.js'
import * as v from './request-validators.js'

/** The string formats the spec uses: a format specFormats lacks fails to compile here. */
export type SpecFormatName = KnownFormat<'date-time' | 'uri' | 'uuid'>
type KnownFormat<Name extends keyof typeof specFormats> = Name

/** Each operation's request validator, over `{ path, query, body }`; defaults (e.g. `enabled`) are filled in. */
export const requestValidators = {
  listWebhooks: v.listWebhooks,
  createWebhook: v.createWebhook,
  getWebhook: v.getWebhook,
  deleteWebhook: v.deleteWebhook,
  updateWebhook: v.updateWebhook,
  listWebhookEvents: v.listWebhookEvents,
  getWebhookEvent: v.getWebhookEvent,
  retryWebhookEvent: v.retryWebhookEvent,
} as const
