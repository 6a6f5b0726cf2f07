import { once } from 'node:events'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { createReceiver, type VerifiedEvent } from '@flexengage/webhooks/receiver'
import type { Sandbox } from '../src/index.js'

export const BRAND = 'ACME'

export function clientFor(sandbox: { url: string }, token = 'sandbox-token') {
  return new FlexEngageWebhooks({
    brandId: BRAND,
    token,
    baseUrl: sandbox.url,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  })
}

export async function listen(
  listener: RequestListener,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(listener)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

/** A real receiver (signature verification on) that records what it handled; `fail` makes it answer 500. */
export async function startReceiver(options: { fail?: (event: VerifiedEvent) => boolean } = {}) {
  const handled: VerifiedEvent[] = []
  const handle = (event: VerifiedEvent) => {
    if (options.fail?.(event)) throw new Error('receiver told to fail')
    handled.push(event)
  }
  // Every event, listed by the spec or not.
  const receiver = createReceiver({
    trustLocalSandbox: true,
    dedupe: false,
    on: { '*': handle },
    unlisted: { '*': handle },
  })
  const listening = await listen(receiver.node)
  return { ...listening, endpoint: `${listening.url}/hooks`, handled }
}

export async function trigger(
  sandbox: Pick<Sandbox, 'url'>,
  type: string,
  data: unknown = {},
  token = 'sandbox-token',
  options: { allowInvalidData?: boolean } = {},
) {
  const response = await fetch(`${sandbox.url}/_sandbox/v1/${BRAND}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type, data, ...options }),
  })
  return {
    status: response.status,
    body: (await response.json()) as {
      events?: Array<{ id: string; webhookId: string }>
      message?: string
      description?: string
      status?: number
      validations?: Record<string, string>
    },
  }
}

/** Waits for a condition; the deadline is only a safety net for a broken build, never the expectation. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
