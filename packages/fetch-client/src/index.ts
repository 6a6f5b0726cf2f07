export { ApiError } from './api-error.js'
export { createWebhooksApi, type TokenSource, type WebhooksApiOptions } from './create-webhooks-api.js'
export * from './generated/index.js'
