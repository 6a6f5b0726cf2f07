// A local flexEngage, composed: one store (read back from --data, journaled to it), the deliverer
// working on it, the mock core answering the API over it, the sandbox's own routes, and an HTTP front
// that lets writes take turns. Each piece gets what it needs at construction; changes flow through
// the store's and the deliverer's events (to the journal and the inspector's feed).
import { createServer } from 'node:http'
import {
  afterInterruption,
  createFlexEngageMock,
  DEFAULT_MAX_BODY_BYTES,
  type FlexEngageMock,
  MockStore,
} from '@flexengage/webhooks-mock-handlers'
import { listen, mockAnswerTo } from '@flexengage/webhooks-mock-handlers/node'
import { ChangeFeed } from './change-feed.js'
import { DEFAULT_DELIVERY_OPTIONS, Deliverer, type DeliveryOptions } from './deliverer.js'
import { inspectorLink, signatureInspector } from './inspector.js'
import { Journal, type OpenedDataFile, type ScheduledDelivery } from './journal.js'
import { IN_MEMORY, journalTo } from './persistence.js'
import { keyPath, sandboxRoutes } from './routes.js'
import { sandboxListener } from './server.js'
import { loadSigningKey, type SigningKey } from './signing-key.js'
import { createEvents, type TriggeredEvent, type TriggerInput, type TriggerOptions } from './trigger.js'
import { WriteTurns } from './write-turns.js'

export const DEFAULT_SANDBOX_TOKEN = 'sandbox-token'

export interface SandboxOptions {
  /** Default 0: a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Bearer tokens the API accepts, for every brand. Default: `sandbox-token`. */
  tokens?: string[]
  /** Keep state in this file (an append-only journal) and resume from it at start. Default: memory only. */
  dataFile?: string
  delivery?: Partial<DeliveryOptions>
  /**
   * Host names the sandbox answers to besides IP addresses and `localhost` (default none). Any other
   * `Host` is refused (403), so a web page that rebinds its own name to 127.0.0.1 cannot reach it.
   */
  allowedHosts?: string[]
  /** A write's body still arriving after this long is refused with 408 (default 10 000 ms). */
  bodyReadTimeoutMs?: number
  /**
   * Milliseconds since the epoch, default `Date.now`. The retry schedule and window are measured on
   * it, so a test that freezes it gets an exact, machine-speed-independent attempt schedule.
   */
  clock?: () => number
}

export interface Sandbox {
  url: string
  port: number
  tokens: string[]
  /** Where the sandbox serves its public key; named in every delivery's key URL header. */
  keyUrl: string
  /** The API's core, over the sandbox's state: script answers with `mock.use`, read `mock.store`. */
  mock: FlexEngageMock
  /** The inspector's page for this brand, signed in with the first token (in the URL's fragment). */
  inspectorUrl(brandId?: string): string
  /**
   * Creates an event and delivers it to every enabled webhook of the brand subscribed to its type. A
   * listed type's `data` must fit its payload schema (SandboxInputError naming each field), unless
   * `allowInvalidData` sends it anyway, to test how a receiver copes.
   */
  trigger(brandId: string, type: string, data: unknown, options?: TriggerOptions): Promise<TriggeredEvent[]>
  /**
   * Resolves once every delivery of these events (default: of every event so far) is done: delivered,
   * or failed with no retry left in its window. Tests wait on this instead of polling.
   */
  settled(eventIds?: readonly string[]): Promise<void>
  /** Deliveries waiting or scheduled. */
  readonly pendingDeliveries: number
  close(): Promise<void>
}

/** After a restart: attempts that were under way never got an answer; a pending event with nothing due failed. */
function settleInterrupted(store: MockStore, schedule: Iterable<ScheduledDelivery>): void {
  const due = new Set([...schedule].map((entry) => entry.eventId))
  for (const brandId of store.brandIds()) {
    for (const webhook of store.webhooks(brandId)) {
      for (const event of store.events(brandId, webhook.id)) {
        const settled = afterInterruption(event, due.has(event.id))
        if (settled) store.putEvent(brandId, webhook.id, settled)
      }
    }
  }
}

interface Parts {
  options: SandboxOptions
  opened: OpenedDataFile | undefined
  key: SigningKey
  origin: string
}

/** The state, its persistence and the deliverer working on it, resumed where the file left off. */
function resumeState({ options, opened, key, origin }: Parts) {
  const store = opened?.state?.store ?? new MockStore()
  const schedule = [...(opened?.state?.schedule.values() ?? [])]
  const keyUrl = `${origin}${keyPath(key.keyId)}`
  const deliverer = new Deliverer(
    { store, key, keyUrl, now: options.clock ?? Date.now },
    { ...DEFAULT_DELIVERY_OPTIONS, ...options.delivery },
  )
  deliverer.replaceSchedule(schedule)
  const persistence = opened
    ? journalTo(opened, { privateKeyPem: key.privatePem, store, deliverer })
    : IN_MEMORY
  settleInterrupted(store, schedule)
  return { store, deliverer, persistence, keyUrl }
}

/** Everything but the listening socket: the state, the API over it, the routes, the HTTP front. */
function compose(parts: Parts) {
  const { options, key, origin } = parts
  const tokens = options.tokens ?? [DEFAULT_SANDBOX_TOKEN]
  const { store, deliverer, persistence, keyUrl } = resumeState(parts)
  const turns = new WriteTurns(persistence)
  const feed = new ChangeFeed()
  store.subscribe(() => feed.publish())
  const mock = createFlexEngageMock({
    store,
    tokens: Object.fromEntries(tokens.map((token) => [token, '*'])),
    // flexEngage requires https; locally, http is accepted for loopback receivers only.
    allowHttpLoopbackEndpoints: true,
    // The retry is sent once the answer that acknowledges it is saved.
    onRetry: ({ brandId, webhook, event, attempt }) =>
      turns.saved().then(
        () => deliverer.redeliver({ brandId, webhookId: webhook.id, eventId: event.id }, attempt.id),
        () => undefined,
      ),
  })
  /** A trigger's events, created in one transaction and delivered once saved. */
  const trigger = (brandId: string, input: TriggerInput) => {
    const created = store.transaction(() => createEvents(mock, brandId, input, (n) => deliverer.canAccept(n)))
    const saved = turns.saved()
    for (const event of created)
      deliverer.enqueue({ brandId, webhookId: event.webhookId, eventId: event.id }, saved)
    return created
  }
  const listener = sandboxListener({
    allowedHosts: new Set(options.allowedHosts?.map((name) => name.toLowerCase())),
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    bodyReadTimeoutMs: options.bodyReadTimeoutMs ?? 10_000,
    turns,
    api: async (exchange) => (await mockAnswerTo(mock, exchange, origin)).answer,
    sandboxRoutes: sandboxRoutes({
      key,
      tokens: new Set(tokens),
      store,
      feed,
      inspectSignatures: signatureInspector(key, keyUrl),
      trigger,
    }),
  })
  return { tokens, mock, deliverer, persistence, turns, trigger, listener, keyUrl }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const opened = options.dataFile ? Journal.open(options.dataFile) : undefined
  const server = createServer()
  try {
    const key = await loadSigningKey(opened?.state?.privateKeyPem)
    const listening = await listen(server, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' })
    const parts = compose({ options, opened, key, origin: listening.url })
    server.on('request', parts.listener)
    const { deliverer, persistence, turns, tokens } = parts
    return {
      url: listening.url,
      port: listening.port,
      tokens,
      keyUrl: parts.keyUrl,
      mock: parts.mock,
      inspectorUrl: (brandId = 'ACME') => inspectorLink(listening.url, tokens[0] as string, brandId),
      trigger: (brandId, type, data, triggerOptions = {}) =>
        turns.run(async () =>
          parts.trigger(brandId, { type, data, allowInvalidData: triggerOptions.allowInvalidData === true }),
        ),
      settled: (eventIds) => deliverer.settled(eventIds),
      get pendingDeliveries() {
        return deliverer.pending
      },
      async close() {
        await deliverer.stop()
        // Every acknowledged change is already on disk; a last save that fails loses only attempt records.
        await persistence
          .close()
          .catch((error: unknown) =>
            console.warn(
              `flexengage-sandbox: the final save failed (${String(error)}); the file keeps the last acknowledged state`,
            ),
          )
        await listening.close()
      },
    }
  } catch (error) {
    opened?.release()
    if (server.listening) server.close()
    throw error
  }
}

export { SandboxInputError, type TriggeredEvent, type TriggerOptions } from './trigger.js'
