// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
import { http, type HttpResponseResolver } from 'msw'
import type { RequestBodyOf, ResponseBodyOf } from '../operation-types.js'

/** An MSW handler factory per operationId, typed by the spec (path params, request and response bodies). */
export const handlerFactories = {
  /** GET /v1/{brandId}/webhooks */
  listWebhooks: (resolver: HttpResponseResolver<{ brandId: string }, RequestBodyOf<'listWebhooks'>, ResponseBodyOf<'listWebhooks'>>) =>
    http.get('*/v1/:brandId/webhooks', resolver),
  /** POST /v1/{brandId}/webhooks */
  createWebhook: (resolver: HttpResponseResolver<{ brandId: string }, RequestBodyOf<'createWebhook'>, ResponseBodyOf<'createWebhook'>>) =>
    http.post('*/v1/:brandId/webhooks', resolver),
  /** DELETE /v1/{brandId}/webhooks/{id} */
  deleteWebhook: (resolver: HttpResponseResolver<{ brandId: string; id: string }, RequestBodyOf<'deleteWebhook'>, ResponseBodyOf<'deleteWebhook'>>) =>
    http.delete('*/v1/:brandId/webhooks/:id', resolver),
  /** GET /v1/{brandId}/webhooks/{id} */
  getWebhook: (resolver: HttpResponseResolver<{ brandId: string; id: string }, RequestBodyOf<'getWebhook'>, ResponseBodyOf<'getWebhook'>>) =>
    http.get('*/v1/:brandId/webhooks/:id', resolver),
  /** PATCH /v1/{brandId}/webhooks/{id} */
  updateWebhook: (resolver: HttpResponseResolver<{ brandId: string; id: string }, RequestBodyOf<'updateWebhook'>, ResponseBodyOf<'updateWebhook'>>) =>
    http.patch('*/v1/:brandId/webhooks/:id', resolver),
  /** GET /v1/{brandId}/webhooks/{id}/events */
  listWebhookEvents: (resolver: HttpResponseResolver<{ brandId: string; id: string }, RequestBodyOf<'listWebhookEvents'>, ResponseBodyOf<'listWebhookEvents'>>) =>
    http.get('*/v1/:brandId/webhooks/:id/events', resolver),
  /** GET /v1/{brandId}/webhooks/{id}/events/{eventId} */
  getWebhookEvent: (resolver: HttpResponseResolver<{ brandId: string; id: string; eventId: string }, RequestBodyOf<'getWebhookEvent'>, ResponseBodyOf<'getWebhookEvent'>>) =>
    http.get('*/v1/:brandId/webhooks/:id/events/:eventId', resolver),
  /** POST /v1/{brandId}/webhooks/{id}/events/{eventId}/retry */
  retryWebhookEvent: (resolver: HttpResponseResolver<{ brandId: string; id: string; eventId: string }, RequestBodyOf<'retryWebhookEvent'>, ResponseBodyOf<'retryWebhookEvent'>>) =>
    http.post('*/v1/:brandId/webhooks/:id/events/:eventId/retry', resolver),
}
