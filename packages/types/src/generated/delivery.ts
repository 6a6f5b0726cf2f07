// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
import type { components } from './openapi.js'

/**
 * What flexEngage sends to a webhook's endpoint: the spec's `delivery` callback
 * (POST {$request.body#/endpoint}).
 */
export const delivery = {
  method: "POST",
  contentType: "application/json",
  /** Header names, by their parameter names in the spec (`components.parameters`). */
  headerNames: {
    "deliverySignature": "x-fr-wh-authorization",
    "deliveryKeyUrl": "x-fr-wh-pk",
    "deliveryUserAgent": "User-Agent"
  },
  /** Headers whose value the spec fixes, as every delivery (and every recorded attempt) carries them. */
  fixedHeaders: {
    "User-Agent": "FlexEngage Webhook",
    "Content-Type": "application/json"
  },
  /** The only hosts a delivery's key may be fetched from, by environment. */
  keyHosts: {
    "production": "assets.webhooks.flexengage.com",
    "test": "assets.webhooks.flexengage-test.com"
  },
  /** The request that subscribes a URL to deliveries, and its field naming that URL. */
  subscription: {
    "operationId": "createWebhook",
    "urlField": "endpoint"
  },
  /** The envelope's fields, in the order the spec lists them as required. */
  envelopeFields: [
    "id",
    "brandId",
    "webhookId",
    "attemptId",
    "created",
    "type",
    "data"
  ],
} as const

/** The API's base URLs, by environment (the spec's `servers`). */
export const serverUrls = {
  "test": "https://api.flexengage-test.com",
  "production": "https://api.flexengage.com"
} as const

/** The event types the spec lists (its delivery body's discriminator mapping), sorted. */
export const listedEventTypes = ["NOTIFICATION.SMS.RECEIPT"] as const

/** The spec's example delivery of each listed event type. */
export const deliveryExamples = {
  "NOTIFICATION.SMS.RECEIPT": {
    "attemptId": "01F2SFW1B6YQ7ZK9N3V8C2D4EH",
    "brandId": "ACME",
    "created": "2019-08-24T14:15:22Z",
    "data": {
      "locale": "en-US",
      "message": "Thanks for your order! Your receipt is ready.",
      "phoneNumber": "+15555550123"
    },
    "id": "01F2SFVYVD0H873S2VRT8VQSPM",
    "type": "NOTIFICATION.SMS.RECEIPT",
    "webhookId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"
  }
} as const

/** The `data` of each listed event type, as the spec declares it. */
export interface EventDataByType {
  "NOTIFICATION.SMS.RECEIPT": components['schemas']["SmsReceiptData"]
}
