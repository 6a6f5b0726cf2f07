// One suite, run through every adapter: each operation x each declared status, plus a stateful flow.

import { defaultSpecPath } from '@flexengage/tools/paths'
import { loadSpec, requestExampleOf } from '@flexengage/tools/spec'
import { listOperations } from '@flexengage/tools/spec-walk'
import { createWebhooksApi, type WebhooksApi } from '@flexengage/webhooks-fetch-client'
import { operationTable } from '@flexengage/webhooks-types'
import { describe, expect, test } from 'vitest'
import { type FlexEngageMock, mockOperations, type OperationId } from '../src/index.js'

const operations = mockOperations()

export interface AdapterUnderTest {
  mock: FlexEngageMock
  basePath: string
  fetch: typeof fetch
}

const brandId = 'ACME'

function clientFor(adapter: AdapterUnderTest, token = 'test-token'): WebhooksApi {
  return createWebhooksApi({
    basePath: adapter.basePath,
    token,
    fetch: (input, init) => adapter.fetch(input, init),
  })
}

/** Seeds one webhook with one delivered event; `call(operationId)` sends that operation at them. */
function seeded(adapter: AdapterUnderTest) {
  adapter.mock.reset()
  const webhook = adapter.mock.seedWebhook(brandId, {
    endpoint: 'https://example.com/a',
    events: ['NOTIFICATION'],
  })
  const event = adapter.mock.seedEvent(brandId, webhook.id, {
    type: 'NOTIFICATION.SMS.RECEIPT',
    attempts: [{ status: 'SUCCESS', response: { statusCode: 200, headers: {}, body: 'ok', time: 12 } }],
  })
  // Path parameters by position: the brand, then the webhook, then the event (the API nests them).
  const pathValues = [brandId, webhook.id, event.id]
  const call = (operationId: OperationId) => {
    const { method, path } = operationTable[operationId]
    let position = 0
    const url = path.replace(/\{(\w+)\}/g, () => encodeURIComponent(pathValues[position++] ?? 'unknown'))
    const body = requestBodies[operationId]
    return adapter.fetch(`${adapter.basePath}${url}`, {
      method,
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  }
  return { webhook, event, call }
}

// Each operation's body is the spec's own request example: an operation added with a required body
// and no example answers 422 here, and the failing case names it.
const spec = loadSpec(defaultSpecPath)
const requestBodies = Object.fromEntries(
  listOperations(spec).map(({ operation }) => [operation.operationId, requestExampleOf(spec, operation)]),
) as Partial<Record<OperationId, unknown>>

export function conformanceSuite(name: string, adapter: () => AdapterUnderTest) {
  describe(`${name}: every operation x every declared status`, () => {
    const cases = (Object.keys(operations) as OperationId[]).flatMap((operationId) =>
      Object.keys(operations[operationId].responses).map((status) => [operationId, Number(status)] as const),
    )

    test('covers every operation of the spec and every status it declares', () => {
      const declared = Object.entries(operationTable).flatMap(([id, operation]) =>
        Object.keys(operation.responses).map((status) => `${id} ${status}`),
      )
      expect(cases.map(([id, status]) => `${id} ${status}`).sort()).toEqual(declared.sort())
    })

    test.each(cases)('%s -> %i', async (operationId, status) => {
      const target = adapter()
      const { call } = seeded(target)
      target.mock.use(operationId, status as never, { once: true })
      const response = await call(operationId)
      const answer = { status: response.status, body: await response.text() }
      expect(answer.status).toBe(status)
      const declared = operations[operationId].responses[
        status as keyof (typeof operations)[OperationId]['responses']
      ] as {
        hasBody: boolean
      }
      if (declared.hasBody) expect(() => JSON.parse(answer.body)).not.toThrow()
      else expect(answer.body).toBe('')
      expect(target.mock.violations).toEqual([])
    })
  })

  describe(`${name}: a stateful lifecycle`, () => {
    test('create -> list -> get -> disable -> events -> retry -> delete -> 404', async () => {
      const target = adapter()
      target.mock.reset()
      const client = clientFor(target)
      await expect(client.listWebhooks({ brandId })).rejects.toMatchObject({ status: 404 })

      const created = await client.createWebhookRaw({
        brandId,
        webhookRequest: { endpoint: 'https://example.com/hook', events: ['NOTIFICATION.SMS'] },
      })
      expect(created.raw.status).toBe(201)
      const webhook = await created.value()
      expect(created.raw.headers.get('location')).toBe(`${target.basePath}/v1/ACME/webhooks/${webhook.id}`)
      expect(webhook.enabled).toBe(true)

      expect((await client.listWebhooks({ brandId })).map((w) => w.id)).toEqual([webhook.id])
      const disabled = await client.updateWebhook({
        brandId,
        id: webhook.id,
        webhookPatchRequest: { enabled: false },
      })
      expect(disabled.enabled).toBe(false)
      expect((await client.getWebhook({ brandId, id: webhook.id })).enabled).toBe(false)

      const event = target.mock.seedEvent(brandId, webhook.id, {
        type: 'NOTIFICATION.SMS.RECEIPT',
        attempts: [{ status: 'FAILURE', response: { statusCode: 500, headers: {}, body: 'boom', time: 3 } }],
      })
      const page = await client.listWebhookEvents({ brandId, id: webhook.id })
      expect(page.events.map((e) => e.id)).toEqual([event.id])
      await client.retryWebhookEvent({ brandId, id: webhook.id, eventId: event.id })
      const detail = await client.getWebhookEvent({ brandId, id: webhook.id, eventId: event.id })
      expect(detail.attempts.map((a) => a.status)).toEqual(['FAILURE', 'PENDING'])

      await client.deleteWebhook({ brandId, id: webhook.id })
      await expect(client.getWebhook({ brandId, id: webhook.id })).rejects.toMatchObject({ status: 404 })
      expect(target.mock.violations).toEqual([])
    })

    test('a missing token is 401, a scenario fault drops the connection', async () => {
      const target = adapter()
      seeded(target)
      const anonymous = createWebhooksApi({
        basePath: target.basePath,
        fetch: (i, init) => target.fetch(i, init),
      })
      await expect(anonymous.listWebhooks({ brandId })).rejects.toMatchObject({ status: 401 })
      target.mock.use('listWebhooks', { network: 'drop' }, { once: true })
      await expect(clientFor(target).listWebhooks({ brandId })).rejects.toThrow(TypeError)
      expect((await clientFor(target).listWebhooks({ brandId })).length).toBe(1)
    })
  })
}
