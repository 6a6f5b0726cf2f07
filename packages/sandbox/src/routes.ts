// The sandbox's own routes under /_sandbox/, as a table: the signing key, health and the inspector's
// page are public (receivers and browsers fetch them without a token); the rest needs a sandbox
// token. A path that matches no route is 404, one matched with another method 405 naming the allowed.
import {
  apiError,
  bearerToken,
  jsonAnswer,
  type MockAnswer,
  type MockStore,
} from '@flexengage/webhooks-mock-handlers'
import { deliveryExamples, matchesEventType } from '@flexengage/webhooks-types'
import type { ChangeFeed } from './change-feed.js'
import { streamChanges } from './change-feed.js'
import { checkReceiver } from './check-receiver/index.js'
import { INSPECTOR_PATH, inspectorAsset, type signatureInspector } from './inspector.js'
import type { Exchange, Handler, Reply, SandboxRoutes } from './server.js'
import type { SigningKey } from './signing-key.js'
import {
  parseTrigger,
  SandboxInputError,
  type TriggeredEvent,
  type TriggerInput,
  TriggerRefused,
} from './trigger.js'

export interface SandboxRouteContext {
  key: SigningKey
  tokens: ReadonlySet<string>
  store: MockStore
  feed: ChangeFeed
  inspectSignatures: ReturnType<typeof signatureInspector>
  /** Creates and schedules a trigger's events (inside the write's turn). */
  trigger(brandId: string, input: TriggerInput): TriggeredEvent[]
}

interface Route {
  method: 'GET' | 'POST'
  /** Matched against the path; its groups are the path parameters, percent-decoded. */
  path: RegExp
  /** Served without a token. */
  public?: true
  /** A POST that changes no sandbox state (and may take long): it runs outside the write turns. */
  outsideTurns?: true
  handle(params: string[], exchange: Exchange): Promise<Reply> | Reply
}

/** The spec's example `data` of each listed event type, for trigger forms. */
const EVENT_EXAMPLE_DATA = Object.fromEntries(
  Object.entries(deliveryExamples).map(([type, example]) => [type, example.data]),
)

/** The most events one page of the recent-events feed returns. */
const MAX_FEED_PAGE = 500

const refusal = (
  status: number,
  message: string,
  description: string,
  headers: Record<string, string> = {},
) => jsonAnswer(status, apiError(status, message, description), headers)

const notFound = (description: string) => refusal(404, 'NOT FOUND', description)

/** A whole number from a query parameter within [min, max], the fallback when absent, or undefined. */
function wholeNumber(
  query: URLSearchParams,
  name: string,
  fallback: number,
  max: number,
): number | undefined {
  const text = query.get(name)
  if (text === null) return fallback
  const value = Number(text)
  return /^\d+$/.test(text) && value <= max ? value : undefined
}

/**
 * `GET /_sandbox/v1/{brandId}/events`: the brand's events newest first, across webhooks, one page at a
 * time (`limit`, and `before` from the previous page), filtered by `webhookId`, `type` (an event type
 * or a group) and `status`. The inspector reads the newest page first and older ones on demand.
 * `statuses` lists every status the brand's events have, for the status filter.
 */
function recentEvents(store: MockStore, brandId: string, query: URLSearchParams): MockAnswer {
  const limit = wholeNumber(query, 'limit', 50, MAX_FEED_PAGE)
  const before = wholeNumber(query, 'before', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
  if (!limit || before === undefined) {
    return refusal(
      400,
      'BAD REQUEST',
      `limit must be a whole number from 1 to ${MAX_FEED_PAGE}, before a position from a previous page`,
    )
  }
  const [webhookId, type, status] = ['webhookId', 'type', 'status'].map(
    (name) => query.get(name) || undefined,
  )
  const events: Array<Record<string, unknown>> = []
  let older: number | null = null
  for (const { position, webhookId: of, event } of store.newestEvents(brandId, before)) {
    if (
      (webhookId && of !== webhookId) ||
      (type && !matchesEventType(type, event.type)) ||
      (status && event.status !== status)
    )
      continue
    if (events.length === limit) {
      older = events.at(-1)?.position as number
      break
    }
    const { id, type: eventType, status: eventStatus, created, updated } = event
    events.push({ position, webhookId: of, id, type: eventType, status: eventStatus, created, updated })
  }
  const statuses = new Set<string>()
  for (const { event } of store.newestEvents(brandId)) statuses.add(event.status)
  return jsonAnswer(200, { events, before: older, statuses: [...statuses].sort() })
}

async function triggerRoute(
  context: SandboxRouteContext,
  brandId: string,
  exchange: Exchange,
): Promise<Reply> {
  try {
    const input = parseTrigger(exchange.body ?? '', exchange.incoming.headers['content-type'] ?? null)
    return jsonAnswer(202, { events: context.trigger(brandId, input) })
  } catch (error) {
    if (error instanceof TriggerRefused) {
      return refusal(
        error.status,
        error.title,
        error.message,
        error.status === 503 ? { 'Retry-After': '1' } : {},
      )
    }
    if (error instanceof SandboxInputError) {
      return jsonAnswer(422, apiError(422, 'UNPROCESSABLE ENTITY', error.message, error.validations))
    }
    throw error
  }
}

/** Where the sandbox serves its public key (the route below matches it): named in every delivery. */
export const keyPath = (keyId: string) => `/_sandbox/keys/${keyId}.pem`

/** What receivers and browsers fetch without a token: the key, health, the inspector's page. */
function publicRoutes({ key }: SandboxRouteContext): Route[] {
  const pem = { status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: key.publicPem }
  const get = (path: RegExp, handle: Route['handle']): Route => ({
    method: 'GET',
    path,
    public: true,
    handle,
  })
  return [
    get(/^\/_sandbox\/keys\/([^/]+)\.pem$/, ([keyId]) =>
      keyId === key.keyId ? pem : notFound('no such key'),
    ),
    get(/^\/_sandbox\/health$/, () => jsonAnswer(200, { ok: true })),
    get(/^\/_sandbox\/ui$/, () => ({ status: 301, headers: { location: INSPECTOR_PATH }, body: null })),
    get(
      /^\/_sandbox\/ui\/([^/]*)$/,
      ([name]) => inspectorAsset(name as string) ?? notFound(`no inspector asset ${name}`),
    ),
  ]
}

/** Signatures of an event's attempts, for the inspector. */
async function signaturesRoute(
  context: SandboxRouteContext,
  [brandId, webhookId, eventId]: string[],
): Promise<Reply> {
  const event = context.store.findEvent(brandId as string, webhookId as string, eventId as string)
  if (!event) return notFound('no such event')
  return jsonAnswer(200, await context.inspectSignatures(brandId as string, webhookId as string, event))
}

/** The receiver check against a webhook's endpoint. */
async function receiverCheckRoute(
  context: SandboxRouteContext,
  [brandId, webhookId]: string[],
): Promise<Reply> {
  const webhook = context.store.findWebhook(brandId as string, webhookId as string)
  if (!webhook) return notFound('no such webhook')
  return jsonAnswer(200, await checkReceiver({ url: webhook.endpoint }))
}

/** What needs a sandbox token: the change stream, examples, signatures, the events feed, triggers, the check. */
function tokenRoutes(context: SandboxRouteContext): Route[] {
  const brandPath = (rest: string) => new RegExp(`^/_sandbox/v1/([^/]+)/${rest}$`)
  return [
    {
      method: 'GET',
      path: /^\/_sandbox\/v1\/stream$/,
      handle: () => ({ stream: (out) => streamChanges(context.feed, out) }),
    },
    {
      method: 'GET',
      path: /^\/_sandbox\/v1\/event-examples$/,
      handle: () => jsonAnswer(200, EVENT_EXAMPLE_DATA),
    },
    {
      method: 'GET',
      path: brandPath('webhooks/([^/]+)/events/([^/]+)/signatures'),
      handle: (params) => signaturesRoute(context, params),
    },
    {
      method: 'GET',
      path: brandPath('events'),
      handle: ([brandId], { url }) => recentEvents(context.store, brandId as string, url.searchParams),
    },
    {
      method: 'POST',
      path: brandPath('events'),
      handle: ([brandId], exchange) => triggerRoute(context, brandId as string, exchange),
    },
    {
      method: 'POST',
      path: brandPath('webhooks/([^/]+)/receiver-check'),
      outsideTurns: true,
      handle: (params) => receiverCheckRoute(context, params),
    },
  ]
}

const routes = (context: SandboxRouteContext): Route[] => [...publicRoutes(context), ...tokenRoutes(context)]

/** Path segments decoded, or undefined when one is not valid percent-encoding. */
function decodeSegments(segments: string[]): string[] | undefined {
  try {
    return segments.map((segment) => decodeURIComponent(segment))
  } catch {
    return undefined
  }
}

/** The route table as one handler (match, check the method, decode, authenticate, answer). */
export function sandboxRoutes(context: SandboxRouteContext): SandboxRoutes {
  const table = routes(context)
  const outsideTurns = (url: URL) =>
    table.some((route) => route.outsideTurns && route.path.test(url.pathname))
  return { handle: routeTable(table, context), outsideTurns }
}

function routeTable(table: Route[], context: SandboxRouteContext): Handler {
  return (exchange) => {
    const { pathname } = exchange.url
    const matching = table.filter((route) => route.path.test(pathname))
    if (matching.length === 0) return notFound(`no sandbox route ${pathname}`)
    const method = exchange.incoming.method === 'HEAD' ? 'GET' : exchange.incoming.method
    const route = matching.find((candidate) => candidate.method === method)
    if (!route) {
      const allowed = matching.map((candidate) => candidate.method).join(', ')
      return refusal(405, 'METHOD NOT ALLOWED', `${method} is not allowed here`, { Allow: allowed })
    }
    const params = decodeSegments((route.path.exec(pathname) as RegExpExecArray).slice(1))
    if (!params) return refusal(400, 'BAD REQUEST', `the path is not valid percent-encoding: ${pathname}`)
    const token = bearerToken(exchange.incoming.headers.authorization)
    if (!route.public && (!token || !context.tokens.has(token))) {
      return refusal(401, 'UNAUTHORIZED', 'a sandbox bearer token is required', {
        'WWW-Authenticate': 'Bearer',
      })
    }
    return route.handle(params, exchange)
  }
}
