// @generated from spec/openapi.yaml by tools/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
import type { specFormats } from '@flexengage/webhooks-types'
import * as v from './validators.js'

/** The string formats the spec uses: a format the types package's specFormats lacks fails to compile. */
export type SpecFormatName = KnownFormat<'date-time' | 'uri' | 'uuid'>
type KnownFormat<Name extends keyof typeof specFormats> = Name

/** Each operation's precompiled request validator and one response validator per declared status. */
export const operationValidators = {
  listWebhooks: {
    request: v.listWebhooks_request,
    responses: {
      200: v.listWebhooks_response_200,
      401: v.listWebhooks_response_401,
      403: v.listWebhooks_response_403,
      404: v.listWebhooks_response_404,
      429: v.listWebhooks_response_429,
      500: v.listWebhooks_response_500,
    },
  },
  createWebhook: {
    request: v.createWebhook_request,
    responses: {
      201: v.createWebhook_response_201,
      401: v.createWebhook_response_401,
      403: v.createWebhook_response_403,
      409: v.createWebhook_response_409,
      422: v.createWebhook_response_422,
      429: v.createWebhook_response_429,
      500: v.createWebhook_response_500,
    },
  },
  getWebhook: {
    request: v.getWebhook_request,
    responses: {
      200: v.getWebhook_response_200,
      401: v.getWebhook_response_401,
      403: v.getWebhook_response_403,
      404: v.getWebhook_response_404,
      429: v.getWebhook_response_429,
      500: v.getWebhook_response_500,
    },
  },
  deleteWebhook: {
    request: v.deleteWebhook_request,
    responses: {
      204: v.deleteWebhook_response_204,
      401: v.deleteWebhook_response_401,
      403: v.deleteWebhook_response_403,
      404: v.deleteWebhook_response_404,
      429: v.deleteWebhook_response_429,
      500: v.deleteWebhook_response_500,
    },
  },
  updateWebhook: {
    request: v.updateWebhook_request,
    responses: {
      200: v.updateWebhook_response_200,
      204: v.updateWebhook_response_204,
      401: v.updateWebhook_response_401,
      403: v.updateWebhook_response_403,
      404: v.updateWebhook_response_404,
      429: v.updateWebhook_response_429,
      500: v.updateWebhook_response_500,
    },
  },
  listWebhookEvents: {
    request: v.listWebhookEvents_request,
    responses: {
      200: v.listWebhookEvents_response_200,
      401: v.listWebhookEvents_response_401,
      403: v.listWebhookEvents_response_403,
      404: v.listWebhookEvents_response_404,
      429: v.listWebhookEvents_response_429,
      500: v.listWebhookEvents_response_500,
    },
  },
  getWebhookEvent: {
    request: v.getWebhookEvent_request,
    responses: {
      200: v.getWebhookEvent_response_200,
      401: v.getWebhookEvent_response_401,
      403: v.getWebhookEvent_response_403,
      404: v.getWebhookEvent_response_404,
      429: v.getWebhookEvent_response_429,
      500: v.getWebhookEvent_response_500,
    },
  },
  retryWebhookEvent: {
    request: v.retryWebhookEvent_request,
    responses: {
      202: v.retryWebhookEvent_response_202,
      401: v.retryWebhookEvent_response_401,
      403: v.retryWebhookEvent_response_403,
      404: v.retryWebhookEvent_response_404,
      429: v.retryWebhookEvent_response_429,
      500: v.retryWebhookEvent_response_500,
    },
  },
}
