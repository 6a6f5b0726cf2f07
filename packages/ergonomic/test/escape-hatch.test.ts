// fe.request(operationId, ...): every operation of the spec, through the one pipeline. The cases are
// derived from the generated operation table and the spec's own request examples.
import { defaultSpecPath } from '@flexengage/tools/paths'
import { loadSpec } from '@flexengage/tools/spec'
import { listOperations, resolvePointer } from '@flexengage/tools/spec-walk'
import {
  type OperationId,
  operationTable,
  type SuccessBodyOf,
  type Webhook,
  type WebhookEventsPage,
} from '@flexengage/webhooks-types'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { FlexEngageWebhooks, InvalidArgumentError, NotFoundError } from '../src/index.js'
import { BRAND, hook, setup, TOKEN } from './helpers.js'

const spec = loadSpec(defaultSpecPath)
const operationIds = Object.keys(operationTable) as OperationId[]

/** A value that fits a parameter's schema: what a caller with real ids would send. */
function valueFor(schema: { type?: string; format?: string }): unknown {
  if (schema.format === 'uuid') return crypto.randomUUID()
  if (schema.format === 'date-time') return '2024-01-01T00:00:00Z'
  if (schema.type === 'integer' || schema.type === 'number') return 10
  return 'x'
}

/** The spec's first request example for the operation's body, if it takes one. */
function requestExample(operationId: string): unknown {
  const found = listOperations(spec).find((op) => op.operation.operationId === operationId)
  const body = found?.operation.requestBody
  const media = (body?.$ref ? resolvePointer(spec, body.$ref) : body)?.content?.['application/json']
  const [example] = Object.values(media?.examples ?? {}) as Array<{ value?: unknown; $ref?: string }>
  return example?.$ref ? resolvePointer(spec, example.$ref).value : example?.value
}

function paramsFor(operationId: OperationId) {
  const operation = operationTable[operationId]
  const params: { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown } = {
    path: {},
    query: {},
  }
  for (const parameter of operation.parameters as ReadonlyArray<{
    name: string
    in: string
    required: boolean
    schema: { type?: string; format?: string }
  }>) {
    if (parameter.name === 'brandId') continue
    if (parameter.in === 'path' || parameter.required)
      params[parameter.in as 'path' | 'query'][parameter.name] = valueFor(parameter.schema)
  }
  if (operation.requestBody) params.body = requestExample(operationId)
  return params
}

const successStatus = (operationId: OperationId) =>
  Math.min(
    ...Object.keys(operationTable[operationId].responses)
      .map(Number)
      .filter((s) => s >= 200 && s < 300),
  )

describe('every operation of the spec is callable through fe.request', () => {
  test.each(operationIds)('%s answers its documented success status', async (operationId) => {
    const { fe, mock } = setup()
    const status = successStatus(operationId)
    mock.use(operationId, status as never, { once: true })
    const { data, response, requestsSent } = await fe
      .request(operationId, paramsFor(operationId) as never)
      .withResponse()
    expect(response.status).toBe(status)
    expect(requestsSent).toBe(1)
    const declaresContent = (operationTable[operationId].responses as Record<number, { content: boolean }>)[
      status
    ]?.content
    if (declaresContent) expect(data).toBeDefined()
    else expect(data).toBeUndefined()
    // The client's brandId was filled in.
    expect(new URL(response.url).pathname.split('/')[2]).toBe(BRAND)
  })
})

describe('the same pipeline as the named methods', () => {
  test('results equal the named method, retries and typed errors included', async () => {
    const { fe, mock } = setup()
    const created = await fe.request('createWebhook', { body: hook })
    mock.use('getWebhook', [503])
    const fetched = await fe.request('getWebhook', { path: { id: created.id } }).withResponse()
    expect(fetched.data).toEqual(await fe.webhooks.get(created.id))
    expect(fetched.requestsSent).toBe(2)
    await expect(
      fe.request('getWebhook', { path: { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' } }),
    ).rejects.toBeInstanceOf(NotFoundError)
  })

  test('a token provider is asked again after a 401', async () => {
    const tokens = ['stale', TOKEN]
    const { fe } = setup({ token: () => tokens.shift() ?? TOKEN }, { tokens: { [TOKEN]: '*' } })
    const { response, requestsSent } = await fe.request('createWebhook', { body: hook }).withResponse()
    expect(response.status).toBe(201)
    expect(requestsSent).toBe(2)
  })

  test('parameters and bodies are checked against the table before anything is sent', async () => {
    const { fe, mock } = setup()
    const refused = [
      () => fe.request('getWebhook', { path: { id: 'not-a-uuid' } }),
      () => fe.request('createWebhook', { body: { ...hook, events: ['lower.case'] } }),
      () => fe.request('listWebhookEvents', { path: { id: crypto.randomUUID() }, query: { size: 0 } }),
      () =>
        fe.request('listWebhookEvents', {
          path: { id: crypto.randomUUID() },
          query: { start: '2024-02-30T00:00:00Z' },
        }),
      () => fe.request('listWebhooks', { query: { nope: 1 } } as never),
      () => fe.request('noSuchOperation' as OperationId, {} as never),
    ]
    for (const call of refused) await expect(call()).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(mock.requestCount).toBe(0)
  })

  test('types come from the spec: parameters, body and result per operation', () => {
    const fe = new FlexEngageWebhooks({ brandId: BRAND, token: TOKEN, fetch: async () => new Response() })
    const id = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
    expectTypeOf(fe.request('getWebhook', { path: { id } })).resolves.toEqualTypeOf<Webhook>()
    expectTypeOf(
      fe.request('listWebhookEvents', { path: { id } }),
    ).resolves.toEqualTypeOf<WebhookEventsPage>()
    expectTypeOf(
      fe.request('updateWebhook', { path: { id }, body: { enabled: true } }),
    ).resolves.toEqualTypeOf<SuccessBodyOf<'updateWebhook'>>()
    // @ts-expect-error getWebhook needs its path id
    void fe.request('getWebhook', {}).catch(() => undefined)
    // @ts-expect-error createWebhook's body must be a WebhookRequest
    void fe.request('createWebhook', { body: { endpoint: 1 } }).catch(() => undefined)
  })
})
