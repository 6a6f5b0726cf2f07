// Contract tests: the generated client against a real `prism mock spec/openapi.yaml` on 127.0.0.1.
// Prism validates every request against the spec and reports problems in `sl-violations`.
import { connect } from 'node:net'
import { defaultSpecPath } from '@flexengage/tools/paths'
import { startPrism } from '@flexengage/tools/prism'
import { loadSpec, requestExampleOf } from '@flexengage/tools/spec'
import { listOperations, resolvePointer } from '@flexengage/tools/spec-walk'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ApiError,
  createWebhooksApi,
  type Middleware,
  RequiredError,
  type WebhooksApi,
} from '../src/index.js'

const brandId = 'ACME'
const webhookId = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
const eventId = '497f6eca-6276-4993-bfeb-53cbbbba6f08'
const token = 'contract-test-token'
const spec = loadSpec(defaultSpecPath)

let prism: Awaited<ReturnType<typeof startPrism>>
const violations: string[] = []
let requestsSent = 0

/**
 * Prism reports a request that breaks the spec either in an `sl-violations` header (when the
 * operation declares a 422) or by answering with its own problem+json error (when it does not).
 */
async function violationOf(response: Response): Promise<string | undefined> {
  const header = response.headers.get('sl-violations')
  if (header) return header
  if (response.headers.get('content-type')?.includes('problem+json')) return await response.text()
  return undefined
}

/** Records every answer's violations; the suite ends by asserting there were none. */
const violationRecorder: Middleware = {
  async post({ url, init, response }) {
    requestsSent++
    const violation = await violationOf(response)
    if (violation) violations.push(`${init.method} ${url}: ${violation}`)
  },
}

function api(prefer?: string): WebhooksApi {
  const middleware: Middleware[] = [violationRecorder]
  if (prefer) {
    middleware.unshift({
      async pre({ url, init }) {
        const headers = new Headers(init.headers)
        headers.set('Prefer', prefer)
        return { url, init: { ...init, headers } }
      },
    })
  }
  return createWebhooksApi({ basePath: prism.url, token, middleware })
}

const calls = {
  createWebhook: (client: WebhooksApi) =>
    client.createWebhook({
      brandId,
      webhookRequest: {
        endpoint: prism.callbackUrl('/hook'),
        events: ['NOTIFICATION.SMS.RECEIPT'],
        enabled: true,
      },
    }),
  listWebhooks: (client: WebhooksApi) => client.listWebhooks({ brandId }),
  getWebhook: (client: WebhooksApi) => client.getWebhook({ brandId, id: webhookId }),
  updateWebhook: (client: WebhooksApi) =>
    client.updateWebhook({ brandId, id: webhookId, webhookPatchRequest: { enabled: false } }),
  deleteWebhook: (client: WebhooksApi) => client.deleteWebhook({ brandId, id: webhookId }),
  listWebhookEvents: (client: WebhooksApi) =>
    client.listWebhookEvents({
      brandId,
      id: webhookId,
      size: 20,
      start: new Date('2019-08-24T00:00:00Z'),
      end: new Date('2019-08-25T00:00:00Z'),
      startId: eventId,
    }),
  getWebhookEvent: (client: WebhooksApi) => client.getWebhookEvent({ brandId, id: webhookId, eventId }),
  retryWebhookEvent: (client: WebhooksApi) => client.retryWebhookEvent({ brandId, id: webhookId, eventId }),
} satisfies Record<string, (client: WebhooksApi) => Promise<unknown>>

/**
 * The spec's request example with each callback URL it names (`{$request.body#/field}`) pointed at
 * Prism's loopback sink: Prism fires callbacks at whatever a body names, and tests reach loopback only.
 */
function withLoopbackCallbacks(operation: { callbacks?: unknown }, body: unknown): unknown {
  if (!body || typeof body !== 'object') return body
  const expressions = Object.values((operation.callbacks ?? {}) as Record<string, object>).flatMap(
    Object.keys,
  )
  const fields = expressions.flatMap((e) => /^\{\$request\.body#\/(\w+)\}$/.exec(e)?.slice(1) ?? [])
  return { ...body, ...Object.fromEntries(fields.map((field) => [field, prism.callbackUrl(`/${field}`)])) }
}

/**
 * Any operation through its generated method (named by its operationId): path parameters by position
 * (brand, webhook, event), the body as the spec's own request example, under the name the generator
 * gives the body parameter (its schema's name, camelCased).
 */
function callFor(
  path: string,
  operation: { operationId: string; requestBody?: unknown; callbacks?: unknown },
) {
  const pathValues = [brandId, webhookId, eventId]
  const parameters: Record<string, unknown> = Object.fromEntries(
    [...path.matchAll(/\{(\w+)\}/g)].map((match, position) => [match[1], pathValues[position]]),
  )
  const example = requestExampleOf(spec, operation)
  const bodySchema = (operation.requestBody as RequestBodyRef | undefined)?.content?.['application/json']
    ?.schema?.$ref
  return (client: WebhooksApi) => {
    if (example !== undefined && bodySchema) {
      const name = bodySchema.split('/').at(-1) as string
      parameters[`${name[0]?.toLowerCase()}${name.slice(1)}`] = withLoopbackCallbacks(operation, example)
    }
    const method = (client as unknown as Record<string, (parameters: unknown) => Promise<unknown>>)[
      operation.operationId
    ]
    if (!method) throw new Error(`the generated client has no method ${operation.operationId}`)
    return method.call(client, parameters)
  }
}
type RequestBodyRef = { content?: Record<string, { schema?: { $ref?: string } }> }

beforeAll(async () => {
  prism = await startPrism()
})

async function portIsClosed(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

afterAll(async () => {
  // Prism fired the delivery callback of every create it answered, at the loopback sink only.
  expect(prism.refusedConnections()).toEqual([])
  expect(prism.callbacksReceived().length).toBeGreaterThan(0)
  await prism?.stop()
  // After the suite, nothing listens on Prism's port any more.
  if (prism) expect(await portIsClosed(prism.port)).toBe(true)
})

describe('success responses parse into the generated models', () => {
  test('createWebhook: 201 with a Location header and a WebhookResponse', async () => {
    const raw = await api().createWebhookRaw({
      brandId,
      webhookRequest: { endpoint: prism.callbackUrl('/hook'), events: ['NOTIFICATION.SMS'] },
    })
    expect(raw.raw.status).toBe(201)
    expect(() => new URL(raw.raw.headers.get('location') ?? '')).not.toThrow()
    const webhook = await raw.value()
    expect(webhook.id).toBe(webhookId)
    expect(webhook.created).toBeInstanceOf(Date)
    expect(webhook.created.toISOString()).toBe('2019-08-24T14:15:22.000Z')
    expect(webhook.events).toEqual(['NOTIFICATION.SMS.RECEIPT'])
    expect(webhook.enabled).toBe(true)
  })

  test('listWebhooks: an array of webhooks', async () => {
    const webhooks = await calls.listWebhooks(api())
    expect(webhooks).toHaveLength(1)
    expect(webhooks[0]?.updated).toBeInstanceOf(Date)
    expect(webhooks[0]?.endpoint).toBe('https://example.com/my/webhook/endpoint')
  })

  test('getWebhook: one webhook', async () => {
    const webhook = await calls.getWebhook(api())
    expect(webhook).toMatchObject({ id: webhookId, enabled: true })
  })

  test('updateWebhook: 200 with the webhook', async () => {
    const webhook = await calls.updateWebhook(api('code=200'))
    expect(webhook.id).toBe(webhookId)
    expect(webhook.updated).toBeInstanceOf(Date)
  })

  test('updateWebhook: 204 without content is readable through the Raw method', async () => {
    const raw = await api('code=204').updateWebhookRaw({
      brandId,
      id: webhookId,
      webhookPatchRequest: { enabled: true },
    })
    expect(raw.raw.status).toBe(204)
    expect(await raw.raw.text()).toBe('')
  })

  test('deleteWebhook: 204', async () => {
    const raw = await api().deleteWebhookRaw({ brandId, id: webhookId })
    expect(raw.raw.status).toBe(204)
    await expect(calls.deleteWebhook(api())).resolves.toBeUndefined()
  })

  test('listWebhookEvents: a page of events with its cursor', async () => {
    const page = await calls.listWebhookEvents(api())
    expect(page.events[0]).toMatchObject({ id: eventId, type: 'NOTIFICATION.SMS.RECEIPT', status: 'SUCCESS' })
    expect(page.events[0]?.created).toBeInstanceOf(Date)
    expect(page.page).toEqual({
      size: 20,
      startId: '98f9f126-53de-4f4b-b662-04f587841743',
      lastId: '5d237c8b-b229-4873-82bc-27c473efbd3c',
    })
  })

  test('getWebhookEvent: the event with its attempts', async () => {
    const event = await calls.getWebhookEvent(api())
    const [attempt] = event.attempts
    expect(attempt?.created).toBeInstanceOf(Date)
    expect(attempt?.request.headers['User-Agent']).toBe('FlexEngage Webhook')
    expect(attempt?.response).toMatchObject({
      statusCode: 200,
      time: 231,
      body: '{"example": "response json"}',
    })
  })

  test('retryWebhookEvent: 202 without content', async () => {
    const raw = await api().retryWebhookEventRaw({ brandId, id: webhookId, eventId })
    expect(raw.raw.status).toBe(202)
  })
})

describe('every declared error status reaches the caller as an ApiError', () => {
  const cases = listOperations(spec).flatMap(({ path, operation }) =>
    Object.entries(operation.responses)
      .filter(([status]) => Number(status) >= 400)
      .map(([status, response]) => {
        const declared = (response as { $ref?: string }).$ref
          ? resolvePointer(spec, (response as { $ref: string }).$ref)
          : response
        const media = declared.content?.['application/json']
        const example = media
          ? Object.values(media.examples as Record<string, { value: unknown }>)[0]
          : undefined
        return [
          operation.operationId as string,
          Number(status),
          example?.value,
          callFor(path, operation),
        ] as const
      }),
  )

  test('the table covers every operation of the spec', () => {
    expect(new Set(cases.map(([id]) => id))).toEqual(
      new Set(listOperations(spec).map(({ operation }) => operation.operationId)),
    )
  })

  test.each(cases)('%s answers %i', async (_operationId, status, expectedBody, call) => {
    const error = await call(api(`code=${status}`)).then(
      () => {
        throw new Error('expected a rejection')
      },
      (rejection: unknown) => rejection,
    )
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(status)
    expect(apiError.message).not.toContain(token)
    if (expectedBody) {
      expect(apiError.body).toEqual(expectedBody)
      expect(apiError.body?.status).toBe(status)
    } else {
      expect(apiError.body).toBeUndefined()
    }
  })
})

describe('authentication', () => {
  test('an async token provider is asked before every request', async () => {
    let asked = 0
    const seen: string[] = []
    const client = createWebhooksApi({
      basePath: prism.url,
      middleware: [violationRecorder],
      token: async () => `rotating-${++asked}`,
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers).get('authorization') ?? '')
        return fetch(input, init)
      },
    })
    await client.getWebhook({ brandId, id: webhookId })
    await client.listWebhooks({ brandId })
    expect(seen).toEqual(['Bearer rotating-1', 'Bearer rotating-2'])
  })

  test('without a token Prism answers 401 (the spec requires bearer auth)', async () => {
    const client = createWebhooksApi({ basePath: prism.url })
    await expect(client.getWebhook({ brandId, id: webhookId })).rejects.toMatchObject({ status: 401 })
  })

  test('fetch is looked up at call time, not captured at construction', async () => {
    const calledWith: string[] = []
    let currentFetch: typeof fetch = fetch
    const client = createWebhooksApi({
      basePath: prism.url,
      token,
      get fetch() {
        return currentFetch
      },
    })
    currentFetch = (input, init) => {
      calledWith.push(String(input))
      return fetch(input, init)
    }
    await client.listWebhooks({ brandId })
    expect(calledWith).toEqual([`${prism.url}/v1/ACME/webhooks`])
  })

  test('path parameters are encoded: a brandId cannot change the path', async () => {
    const urls: string[] = []
    const client = createWebhooksApi({
      basePath: prism.url,
      token,
      fetch: (input, init) => {
        urls.push(String(input))
        return fetch(input, init)
      },
    })
    await client.listWebhooks({ brandId: '../x' }).catch(() => undefined)
    expect(urls).toEqual([`${prism.url}/v1/..%2Fx/webhooks`])
  })
})

describe('bad input', () => {
  const missing: Array<[string, string, (client: WebhooksApi) => Promise<unknown>]> = [
    ['createWebhook', 'webhookRequest', (c) => c.createWebhook({ brandId } as never)],
    ['createWebhook', 'brandId', (c) => c.createWebhook({ webhookRequest: {} } as never)],
    ['listWebhooks', 'brandId', (c) => c.listWebhooks({} as never)],
    ['getWebhook', 'id', (c) => c.getWebhook({ brandId } as never)],
    ['updateWebhook', 'webhookPatchRequest', (c) => c.updateWebhook({ brandId, id: webhookId } as never)],
    ['deleteWebhook', 'id', (c) => c.deleteWebhook({ brandId } as never)],
    ['listWebhookEvents', 'id', (c) => c.listWebhookEvents({ brandId } as never)],
    ['getWebhookEvent', 'eventId', (c) => c.getWebhookEvent({ brandId, id: webhookId } as never)],
    ['retryWebhookEvent', 'eventId', (c) => c.retryWebhookEvent({ brandId, id: webhookId } as never)],
  ]

  test.each(missing)(
    '%s without %s fails before any request, naming the parameter',
    async (_, field, call) => {
      let fetched = 0
      const client = createWebhooksApi({
        basePath: prism.url,
        token,
        fetch: async () => {
          fetched++
          return new Response(null, { status: 500 })
        },
      })
      const error = await call(client).catch((rejection: unknown) => rejection)
      expect(error).toBeInstanceOf(RequiredError)
      expect((error as RequiredError).field).toBe(field)
      expect((error as RequiredError).message).toContain(field)
      expect(fetched).toBe(0)
    },
  )
})

describe('the harness', () => {
  test('Prism does flag requests that break the spec (the detector works)', async () => {
    const flagged: string[] = []
    const client = createWebhooksApi({
      basePath: prism.url,
      token,
      middleware: [
        {
          async post({ response }) {
            flagged.push((await violationOf(response)) ?? 'none')
          },
        },
      ],
    })
    await client.getWebhook({ brandId, id: 'not-a-uuid' }).catch(() => undefined)
    await client
      .createWebhook({ brandId, webhookRequest: { endpoint: 'not a uri', events: [] } })
      .catch(() => undefined)
    expect(flagged).toHaveLength(2)
    expect(flagged[0]).toMatch(/"location":\["path","id"\]/)
    expect(flagged[1]).toMatch(/"code":"format"/)
  })

  test('zero sl-violations across every request of the suite', () => {
    expect(requestsSent).toBeGreaterThan(50)
    expect(violations).toEqual([])
  })
})
