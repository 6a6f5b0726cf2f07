// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
import * as v from './response-validators.js'

/** Each operation's response validators, one per declared status, over `{ headers, body }`. */
export const responseValidators = {
  listWebhooks: {
    200: v.listWebhooks_200,
    401: v.listWebhooks_401,
    403: v.listWebhooks_403,
    404: v.listWebhooks_404,
    429: v.listWebhooks_429,
    500: v.listWebhooks_500,
  },
  createWebhook: {
    201: v.createWebhook_201,
    401: v.createWebhook_401,
    403: v.createWebhook_403,
    409: v.createWebhook_409,
    422: v.createWebhook_422,
    429: v.createWebhook_429,
    500: v.createWebhook_500,
  },
  getWebhook: {
    200: v.getWebhook_200,
    401: v.getWebhook_401,
    403: v.getWebhook_403,
    404: v.getWebhook_404,
    429: v.getWebhook_429,
    500: v.getWebhook_500,
  },
  deleteWebhook: {
    204: v.deleteWebhook_204,
    401: v.deleteWebhook_401,
    403: v.deleteWebhook_403,
    404: v.deleteWebhook_404,
    429: v.deleteWebhook_429,
    500: v.deleteWebhook_500,
  },
  updateWebhook: {
    200: v.updateWebhook_200,
    204: v.updateWebhook_204,
    401: v.updateWebhook_401,
    403: v.updateWebhook_403,
    404: v.updateWebhook_404,
    429: v.updateWebhook_429,
    500: v.updateWebhook_500,
  },
  listWebhookEvents: {
    200: v.listWebhookEvents_200,
    401: v.listWebhookEvents_401,
    403: v.listWebhookEvents_403,
    404: v.listWebhookEvents_404,
    429: v.listWebhookEvents_429,
    500: v.listWebhookEvents_500,
  },
  getWebhookEvent: {
    200: v.getWebhookEvent_200,
    401: v.getWebhookEvent_401,
    403: v.getWebhookEvent_403,
    404: v.getWebhookEvent_404,
    429: v.getWebhookEvent_429,
    500: v.getWebhookEvent_500,
  },
  retryWebhookEvent: {
    202: v.retryWebhookEvent_202,
    401: v.retryWebhookEvent_401,
    403: v.retryWebhookEvent_403,
    404: v.retryWebhookEvent_404,
    429: v.retryWebhookEvent_429,
    500: v.retryWebhookEvent_500,
  },
}
