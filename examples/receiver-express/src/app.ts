// An Express app that receives flexEngage deliveries at POST /webhooks. The receiver reads the raw
// body itself, so it is mounted before express.json(); the app's other routes keep their JSON parser.
import { createReceiver, type VerifiedEvent } from '@flexengage/webhooks/receiver'
import express from 'express'

export interface AppOptions {
  /** What the app does with each event (listed by the spec or not): here, whatever the caller says. */
  onEvent: (event: VerifiedEvent) => void | Promise<void>
  /** Trust the local sandbox's key (development and tests only). */
  trustLocalSandbox?: boolean
}

export function createApp({ onEvent, trustLocalSandbox = false }: AppOptions) {
  const receiver = createReceiver({
    trustLocalSandbox,
    on: { '*': onEvent },
    // Types flexEngage adds before the spec lists them are acknowledged and handled the same way.
    unlisted: { '*': onEvent },
  })
  const app = express()
  app.post('/webhooks', receiver.middleware)
  app.use(express.json())
  app.post('/echo', (request, response) => {
    response.json(request.body)
  })
  return app
}
