// A Hono app that receives flexEngage deliveries at POST /webhooks: `receiver.hono` takes Hono's
// context and verifies the raw request (`c.req.raw`).
import { createReceiver, type VerifiedEvent } from '@flexengage/webhooks/receiver'
import { Hono } from 'hono'

export interface AppOptions {
  onEvent: (event: VerifiedEvent) => void | Promise<void>
  /** Trust the local sandbox's key (development and tests only). */
  trustLocalSandbox?: boolean
}

export function createApp({ onEvent, trustLocalSandbox = false }: AppOptions) {
  const receiver = createReceiver({ trustLocalSandbox, on: { '*': onEvent }, unlisted: { '*': onEvent } })
  const app = new Hono()
  app.post('/webhooks', receiver.hono)
  app.post('/echo', async (c) => c.json(await c.req.json()))
  return app
}
