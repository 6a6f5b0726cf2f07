// A local flexEngage: the full API (the mock core over node:http) plus real signed deliveries,
// sandbox-only endpoints under /_sandbox, and optional persistence.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isValidEventType, matchesEventType } from '@flexengage/webhooks'
import { createFlexEngageMock, type FlexEngageMock } from '@flexengage/webhooks-mock-handlers'
import { createMockListener } from '@flexengage/webhooks-mock-handlers/node'
import { DEFAULT_DELIVERY_OPTIONS, Deliverer, type DeliveryOptions } from './deliverer.js'
import { Persister, readState, type SandboxState } from './persistence.js'
import { loadSigningKey } from './signing-key.js'

export const DEFAULT_SANDBOX_TOKEN = 'sandbox-token'
const TRIGGER_PATH = /^\/_sandbox\/v1\/([^/]+)\/events$/
const KEY_PATH = /^\/_sandbox\/keys\/([0-9a-f]+)\.pem$/

export interface SandboxOptions {
  /** Default 0: a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Bearer tokens the API accepts, for every brand. Default: `sandbox-token`. */
  tokens?: string[]
  /** Persist state here (atomic rewrites) and resume from it at start. Default: memory only. */
  dataFile?: string
  delivery?: Partial<DeliveryOptions>
  /**
   * Milliseconds since the epoch, default `Date.now`. The retry schedule and window are measured on
   * it, so a test that freezes it gets an exact, machine-speed-independent attempt schedule.
   */
  clock?: () => number
}

export interface TriggeredEvent {
  id: string
  webhookId: string
}

export interface Sandbox {
  url: string
  port: number
  tokens: string[]
  /** Where the sandbox serves its public key; put in every delivery's x-fr-wh-pk. */
  keyUrl: string
  mock: FlexEngageMock
  deliverer: Deliverer
  /** Creates an event and delivers it to every enabled webhook of the brand subscribed to its type. */
  trigger(brandId: string, type: string, data: unknown): Promise<TriggeredEvent[]>
  close(): Promise<void>
}

export class SandboxInputError extends Error {
  override readonly name = 'SandboxInputError'
}

function answer(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(JSON.stringify(body))
}

async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) throw new SandboxInputError(`the body exceeds ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
  } catch {
    throw new SandboxInputError('the body is not JSON')
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1'
  const tokens = options.tokens ?? [DEFAULT_SANDBOX_TOKEN]
  const saved = options.dataFile ? readState(options.dataFile) : undefined
  const key = loadSigningKey(saved?.privateKeyPem)
  let origin = ''
  const keyUrl = () => `${origin}/_sandbox/keys/${key.keyId}.pem`

  let deliverer: Deliverer | undefined
  const mock = createFlexEngageMock({
    tokens: Object.fromEntries(tokens.map((token) => [token, '*'])),
    // flexEngage requires https; locally, http is accepted for loopback receivers only.
    allowHttpLoopbackEndpoints: true,
    onRetry: ({ brandId, webhook, event, attempt }) =>
      deliverer?.redeliver(brandId, webhook.id, event.id, attempt),
  })
  const state = (): SandboxState => ({
    version: 1,
    privateKeyPem: key.privatePem,
    // Serialised right away by the persister: no deep copy needed first.
    snapshot: mock.store.toJSON(),
    schedule: deliverer?.schedule() ?? [],
  })
  const persister = options.dataFile ? new Persister(options.dataFile, state) : undefined
  const persist = () => persister?.save() ?? Promise.resolve()
  deliverer = new Deliverer(
    {
      mock,
      key,
      keyUrl,
      changed: () => {
        persist().catch(() => undefined)
      },
      now: options.clock ?? Date.now,
    },
    { ...DEFAULT_DELIVERY_OPTIONS, ...options.delivery },
  )

  if (saved) {
    mock.restore(saved.snapshot)
    const scheduled = new Set(saved.schedule.map((entry) => entry.eventId))
    for (const [brandId, brand] of Object.entries(saved.snapshot.brands)) {
      for (const [webhookId, events] of Object.entries(brand.events)) {
        for (const { id } of events) {
          const event = mock.store.findEvent(brandId, webhookId, id)
          if (!event) continue
          // Attempts in flight when the previous process died never got an answer.
          for (const attempt of event.attempts) if (attempt.status === 'PENDING') attempt.status = 'FAILURE'
          if (event.status === 'PENDING' && !scheduled.has(id)) event.status = 'FAILURE'
        }
      }
    }
    deliverer.resume(saved.schedule)
  }

  async function trigger(brandId: string, type: string, data: unknown): Promise<TriggeredEvent[]> {
    if (!isValidEventType(type)) {
      throw new SandboxInputError(
        `type must be a dot-separated upper-case event type such as NOTIFICATION.SMS.RECEIPT`,
      )
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new SandboxInputError('data must be a JSON object')
    }
    const targets = mock.store
      .webhooks(brandId)
      .filter(
        (webhook) =>
          webhook.enabled && webhook.events.some((subscribed) => matchesEventType(subscribed, type)),
      )
    const created = targets.map((webhook) => {
      const event = mock.seedEvent(brandId, webhook.id, { type, data, status: 'PENDING' })
      deliverer?.enqueue(brandId, webhook.id, event.id)
      return { id: event.id, webhookId: webhook.id }
    })
    // Acknowledged only once on disk: a crash after this answer loses none of these events.
    await persist()
    return created
  }

  const apiListener = createMockListener(mock, {
    origin: () => origin,
    beforeAnswer: async (method) => {
      if (method !== 'GET' && method !== 'HEAD') await persist()
    },
  })

  async function sandboxRoute(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<void> {
    const keyMatch = KEY_PATH.exec(path)
    if (request.method === 'GET' && keyMatch) {
      if (keyMatch[1] !== key.keyId) return answer(response, 404, { message: 'no such key' })
      response.writeHead(200, { 'content-type': 'application/x-pem-file' })
      return void response.end(key.publicPem)
    }
    if (request.method === 'GET' && path === '/_sandbox/health') return answer(response, 200, { ok: true })
    const triggerMatch = TRIGGER_PATH.exec(path)
    if (request.method !== 'POST' || !triggerMatch)
      return answer(response, 404, { message: `no sandbox route ${path}` })
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim()
    if (!token || !tokens.includes(token))
      return answer(response, 401, { message: 'a sandbox bearer token is required' })
    if (!deliverer?.canAccept) {
      return answer(
        response,
        503,
        { message: 'too many deliveries pending; retry later' },
        { 'Retry-After': '1' },
      )
    }
    try {
      const input = (await readJson(request, 1024 * 1024)) as { type?: unknown; data?: unknown }
      const events = await trigger(
        decodeURIComponent(triggerMatch[1] as string),
        String(input.type ?? ''),
        input.data ?? {},
      )
      return answer(response, 202, { events })
    } catch (error) {
      if (error instanceof SandboxInputError) return answer(response, 422, { message: error.message })
      throw error
    }
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://sandbox').pathname
    const handled = path.startsWith('/_sandbox/')
      ? sandboxRoute(request, response, path)
      : apiListener(request, response)
    handled.catch((error: unknown) => {
      if (!response.headersSent) answer(response, 500, { message: `sandbox failed: ${String(error)}` })
    })
  })
  server.listen(options.port ?? 0, host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  origin = `http://${host}:${port}`

  return {
    url: origin,
    port,
    tokens,
    keyUrl: keyUrl(),
    mock,
    deliverer,
    trigger,
    async close() {
      await deliverer?.stop()
      await persist()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
