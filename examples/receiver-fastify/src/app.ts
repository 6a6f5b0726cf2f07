// A Fastify app that receives flexEngage deliveries at POST /webhooks through the receiver's plugin:
// inside the plugin's own context JSON arrives as raw bytes (signatures cover them); the app's other
// routes keep Fastify's JSON parser.
import { createReceiver, type VerifiedEvent } from '@flexengage/webhooks/receiver'
import Fastify from 'fastify'

export interface AppOptions {
  onEvent: (event: VerifiedEvent) => void | Promise<void>
  /** Trust the local sandbox's key (development and tests only). */
  trustLocalSandbox?: boolean
}

export function createApp({ onEvent, trustLocalSandbox = false }: AppOptions) {
  const receiver = createReceiver({ trustLocalSandbox, on: { '*': onEvent }, unlisted: { '*': onEvent } })
  const app = Fastify()
  app.register(receiver.fastify({ path: '/webhooks' }))
  app.post('/echo', async (request) => request.body)
  return app
}
