// A local flexEngage: the full API (the mock core over node:http) plus real signed deliveries,
// sandbox-only endpoints under /_sandbox, and optional persistence.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  checkEventData,
  createFlexEngageMock,
  type FlexEngageMock,
  InvalidEventDataError,
  isJsonContentType,
  jsonDepth,
  MAX_JSON_DEPTH,
} from '@flexengage/webhooks-mock-handlers'
import { createMockListener } from '@flexengage/webhooks-mock-handlers/node'
import { deliveryExamples, isValidEventType, matchesEventType, specSchemas } from '@flexengage/webhooks-types'
import { DEFAULT_DELIVERY_OPTIONS, Deliverer, type DeliveryOptions } from './deliverer.js'
import {
  ChangeFeed,
  INSPECTOR_PATH,
  inspectorLink,
  serveInspectorAsset,
  signatureInspector,
  streamChanges,
} from './inspector.js'
import { Persister, readState, type SandboxState } from './persistence.js'
import { loadSigningKey } from './signing-key.js'

export const DEFAULT_SANDBOX_TOKEN = 'sandbox-token'
const TRIGGER_PATH = /^\/_sandbox\/v1\/([^/]+)\/events$/
const KEY_PATH = /^\/_sandbox\/keys\/([0-9a-f]+)\.pem$/
const SIGNATURES_PATH = /^\/_sandbox\/v1\/([^/]+)\/webhooks\/([^/]+)\/events\/([^/]+)\/signatures$/

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
  /** Where the sandbox serves its public key; named in every delivery's key URL header. */
  keyUrl: string
  mock: FlexEngageMock
  deliverer: Deliverer
  /** The inspector's page for this brand, signed in with the first token (in the URL's fragment). */
  inspectorUrl(brandId?: string): string
  /**
   * Creates an event and delivers it to every enabled webhook of the brand subscribed to its type. A
   * listed type's `data` must fit its payload schema (SandboxInputError naming each field), unless
   * `allowInvalidData` sends it anyway, to test how a receiver copes.
   */
  trigger(brandId: string, type: string, data: unknown, options?: TriggerOptions): Promise<TriggeredEvent[]>
  close(): Promise<void>
}

export interface TriggerOptions {
  /** Deliver data that breaks the type's payload schema (default false: refused, naming the field). */
  allowInvalidData?: boolean
}

/** A trigger the sandbox refuses; `validations` names each bad field, as the API's 422 does. */
export class SandboxInputError extends Error {
  override readonly name = 'SandboxInputError'

  constructor(
    message: string,
    readonly validations?: Record<string, string>,
  ) {
    super(message)
  }
}

/** The spec's example `data` of each listed event type, for trigger forms. */
const EVENT_EXAMPLE_DATA = Object.fromEntries(
  Object.entries(deliveryExamples).map(([type, example]) => [type, example.data]),
)

function answer(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(JSON.stringify(body))
}

/** A refusal in the API's documented error shape (`APIErrorResponse`). */
function refuse(
  response: ServerResponse,
  status: number,
  message: string,
  description: string,
  headers = {},
) {
  answer(response, status, { message, description, status }, headers)
}

/** A trigger the sandbox refuses, with the status that says why. */
class TriggerRefused extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    description: string,
  ) {
    super(description)
  }
}

/** Path segments decoded, or undefined when one is not valid percent-encoding. */
function decodeSegments(segments: string[]): string[] | undefined {
  try {
    return segments.map((segment) => decodeURIComponent(segment))
  } catch {
    return undefined
  }
}

async function readTrigger(request: IncomingMessage, limit: number): Promise<unknown> {
  if (Number(request.headers['content-length']) > limit) {
    throw new TriggerRefused(413, 'PAYLOAD TOO LARGE', `the body exceeds ${limit} bytes`)
  }
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) throw new TriggerRefused(413, 'PAYLOAD TOO LARGE', `the body exceeds ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return {}
  if (!isJsonContentType(request.headers['content-type'] ?? null)) {
    throw new TriggerRefused(
      415,
      'UNSUPPORTED MEDIA TYPE',
      'the body must be JSON (Content-Type: application/json)',
    )
  }
  // Refused before parsing: such data could never be stored or delivered.
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new TriggerRefused(
      422,
      'UNPROCESSABLE ENTITY',
      `the body must not be nested deeper than ${MAX_JSON_DEPTH} levels`,
    )
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new TriggerRefused(400, 'BAD REQUEST', 'the body is not JSON')
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1'
  const tokens = options.tokens ?? [DEFAULT_SANDBOX_TOKEN]
  const saved = options.dataFile ? readState(options.dataFile) : undefined
  const key = await loadSigningKey(saved?.privateKeyPem)
  let origin = ''
  const keyUrl = () => `${origin}/_sandbox/keys/${key.keyId}.pem`
  const inspectSignatures = signatureInspector(key, keyUrl)

  let deliverer: Deliverer | undefined
  const changes = new ChangeFeed()
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
  const persister = options.dataFile ? new Persister(options.dataFile, state, saved) : undefined
  const persist = () => persister?.save() ?? Promise.resolve()
  /**
   * Saves what a request changed before it is acknowledged. A save that fails undoes every change
   * since the last one that reached the disk, so memory never holds what the answer refuses.
   */
  const persistOrUndo = async () => {
    try {
      await persist()
    } catch (error) {
      const onDisk = persister?.onDisk
      mock.restore(onDisk?.snapshot ?? { brands: {} })
      deliverer?.replaceSchedule(onDisk?.schedule ?? [])
      throw new Error(`the sandbox could not save its state, so nothing was changed: ${String(error)}`)
    }
  }
  /** One write at a time: a failed save undoes only changes that nobody was told about. */
  let writes: Promise<unknown> = Promise.resolve()
  const exclusively = <T>(write: () => Promise<T>): Promise<T> => {
    const result = writes.then(write, write)
    writes = result.catch(() => undefined)
    return result
  }
  deliverer = new Deliverer(
    {
      mock,
      key,
      keyUrl,
      changed: () => {
        persist().catch(() => undefined)
        changes.publish()
      },
      now: options.clock ?? Date.now,
    },
    { ...DEFAULT_DELIVERY_OPTIONS, ...options.delivery },
  )

  if (saved) {
    mock.restore(saved.snapshot)
    const scheduled = new Set(saved.schedule.map((entry) => entry.eventId))
    mock.store.settleInterrupted((eventId) => scheduled.has(eventId))
    deliverer.resume(saved.schedule)
  }

  async function trigger(
    brandId: string,
    type: string,
    data: unknown,
    triggerOptions: TriggerOptions = {},
  ): Promise<TriggeredEvent[]> {
    if (!isValidEventType(type)) {
      throw new SandboxInputError(
        `type must be a dot-separated upper-case event type such as ${specSchemas.EventType.example}`,
      )
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new SandboxInputError('data must be a JSON object')
    }
    // Data that could not be stored, persisted and delivered is refused before it is accepted.
    let serialized: string
    try {
      serialized = JSON.stringify(data)
    } catch {
      throw new SandboxInputError('data must be JSON-serialisable')
    }
    if (jsonDepth(serialized) > MAX_JSON_DEPTH) {
      throw new SandboxInputError(`data must not be nested deeper than ${MAX_JSON_DEPTH} levels`)
    }
    const allowInvalidData = triggerOptions.allowInvalidData === true
    try {
      checkEventData(type, data, allowInvalidData)
    } catch (error) {
      if (error instanceof InvalidEventDataError)
        throw new SandboxInputError(error.message, error.validations)
      throw error
    }
    const targets = mock.store
      .webhooks(brandId)
      .filter(
        (webhook) =>
          webhook.enabled && webhook.events.some((subscribed) => matchesEventType(subscribed, type)),
      )
    const created = targets.map((webhook) => ({
      id: mock.seedEvent(brandId, webhook.id, { type, data, status: 'PENDING', allowInvalidData }).id,
      webhookId: webhook.id,
    }))
    // Acknowledged only once on disk: a crash after this answer loses none of these events; a save
    // that fails undoes them before any is delivered.
    const saved = persistOrUndo()
    for (const event of created) deliverer?.enqueue(brandId, event.webhookId, event.id, saved)
    await saved
    changes.publish()
    return created
  }

  const apiListener = createMockListener(mock, {
    origin: () => origin,
    beforeAnswer: async (method) => {
      if (method === 'GET' || method === 'HEAD') return
      await persistOrUndo()
      changes.publish()
    },
  })

  async function sandboxRoute(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<void> {
    const keyMatch = KEY_PATH.exec(path)
    if (request.method === 'GET' && keyMatch) {
      if (keyMatch[1] !== key.keyId) return refuse(response, 404, 'NOT FOUND', 'no such key')
      response.writeHead(200, { 'content-type': 'application/x-pem-file' })
      return void response.end(key.publicPem)
    }
    if (request.method === 'GET' && path === '/_sandbox/health') return answer(response, 200, { ok: true })
    if (request.method === 'GET' && path === INSPECTOR_PATH.slice(0, -1)) {
      response.writeHead(301, { location: INSPECTOR_PATH })
      return void response.end()
    }
    if (request.method === 'GET' && path.startsWith(INSPECTOR_PATH)) {
      if (serveInspectorAsset(path.slice(INSPECTOR_PATH.length), response)) return
      return refuse(response, 404, 'NOT FOUND', `no inspector asset ${path}`)
    }
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim()
    if (!token || !tokens.includes(token))
      return refuse(response, 401, 'UNAUTHORIZED', 'a sandbox bearer token is required')
    if (request.method === 'GET' && path === '/_sandbox/v1/stream') return streamChanges(changes, response)
    if (request.method === 'GET' && path === '/_sandbox/v1/event-examples')
      return answer(response, 200, EVENT_EXAMPLE_DATA)
    const signaturesMatch = SIGNATURES_PATH.exec(path)
    if (request.method === 'GET' && signaturesMatch) {
      const decoded = decodeSegments(signaturesMatch.slice(1))
      if (!decoded)
        return refuse(response, 400, 'BAD REQUEST', `the path is not valid percent-encoding: ${path}`)
      const [brandId, webhookId, eventId] = decoded as [string, string, string]
      const event = mock.store.findEvent(brandId, webhookId, eventId)
      if (!event) return refuse(response, 404, 'NOT FOUND', 'no such event')
      return answer(response, 200, await inspectSignatures(brandId, webhookId, event))
    }
    const triggerMatch = TRIGGER_PATH.exec(path)
    if (request.method !== 'POST' || !triggerMatch)
      return refuse(response, 404, 'NOT FOUND', `no sandbox route ${path}`)
    if (!deliverer?.canAccept) {
      return refuse(response, 503, 'SERVICE UNAVAILABLE', 'too many deliveries pending; retry later', {
        'Retry-After': '1',
      })
    }
    try {
      const [brandId] = decodeSegments([triggerMatch[1] as string]) ?? []
      if (brandId === undefined)
        throw new TriggerRefused(400, 'BAD REQUEST', `the path is not valid percent-encoding: ${path}`)
      const input = (await readTrigger(request, 1024 * 1024)) as {
        type?: unknown
        data?: unknown
        allowInvalidData?: unknown
      }
      const events = await trigger(brandId, String(input.type ?? ''), input.data ?? {}, {
        allowInvalidData: input.allowInvalidData === true,
      })
      return answer(response, 202, { events })
    } catch (error) {
      if (error instanceof TriggerRefused) {
        return refuse(
          response,
          error.status,
          error.title,
          error.message,
          error.status === 413 ? { connection: 'close' } : {},
        )
      }
      if (error instanceof SandboxInputError) {
        return answer(response, 422, {
          message: 'UNPROCESSABLE ENTITY',
          description: error.message,
          status: 422,
          ...(error.validations ? { validations: error.validations } : {}),
        })
      }
      throw error
    }
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://sandbox').pathname
    const reads = request.method === 'GET' || request.method === 'HEAD'
    const route = () =>
      path.startsWith('/_sandbox/') ? sandboxRoute(request, response, path) : apiListener(request, response)
    const handled = reads ? route() : exclusively(route)
    handled.catch((error: unknown) => {
      if (!response.headersSent)
        refuse(response, 500, 'INTERNAL SERVER ERROR', `sandbox failed: ${String(error)}`)
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
    inspectorUrl: (brandId = 'ACME') => inspectorLink(origin, tokens[0] as string, brandId),
    trigger,
    async close() {
      await deliverer?.stop()
      // Every acknowledged change is already on disk; a last save that fails loses only attempt records.
      await persist().catch((error: unknown) =>
        console.warn(
          `flexengage-sandbox: the final save failed (${String(error)}); the file keeps the last acknowledged state`,
        ),
      )
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
