// The stateful core, exercised over plain HTTP semantics through the fetch adapter.
import { serverUrls, specFormats } from '@flexengage/webhooks-types'
import { describe, expect, test } from 'vitest'
import {
  createFlexEngageMock,
  createMockFetch,
  type FlexEngageMockOptions,
  SEEDED_EPOCH,
} from '../src/index.js'

const base = `${serverUrls.test}/v1/ACME`
const auth = { authorization: 'Bearer t' }

function setup(options: FlexEngageMockOptions = {}) {
  const mockFetch = createMockFetch(createFlexEngageMock({ seed: 7, ...options }))
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = auth,
  ) => {
    const response = await mockFetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
  }
  return { mock: mockFetch.mock, call }
}

const hook = { endpoint: 'https://example.com/hook', events: ['NOTIFICATION.SMS.RECEIPT'] }

describe('create', () => {
  test('201 with Location, generated id and timestamps, enabled defaulting to true', async () => {
    const { call } = setup()
    const created = await call('POST', '/webhooks', hook)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ ...hook, enabled: true })
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(created.body.created).toBe(new Date(SEEDED_EPOCH).toISOString())
    expect(created.headers.get('location')).toBe(`${base}/webhooks/${created.body.id}`)
    expect(
      (await call('POST', '/webhooks', { ...hook, endpoint: 'https://example.com/off', enabled: false })).body
        .enabled,
    ).toBe(false)
  })

  test('the same endpoint and the same event types (in any order) is 409 with the documented body', async () => {
    const { call } = setup()
    const events = ['ORDER_EVENTS.OMS.ORDER_CREATED', 'NOTIFICATION']
    await call('POST', '/webhooks', { endpoint: 'https://example.com/x', events })
    const duplicate = await call('POST', '/webhooks', {
      endpoint: 'https://example.com/x',
      events: [...events].reverse(),
    })
    expect(duplicate).toMatchObject({
      status: 409,
      body: {
        message: 'CONFLICT',
        description:
          'A webhook for endpoint: https://example.com/x and eventTypes: ["NOTIFICATION","ORDER_EVENTS.OMS.ORDER_CREATED"] already exists',
        status: 409,
      },
    })
    expect(
      (await call('POST', '/webhooks', { endpoint: 'https://example.com/x', events: ['NOTIFICATION'] }))
        .status,
    ).toBe(201)
  })

  test.each([
    ['missing endpoint', { events: ['NOTIFICATION'] }, { endpoint: 'endpoint is required' }],
    [
      'non-https endpoint',
      { endpoint: 'http://example.com/x', events: ['NOTIFICATION'] },
      { endpoint: 'endpoint must use https: flexEngage delivers to HTTPS endpoints only, got http:' },
    ],
    [
      'endpoint not a URI',
      { endpoint: 'not a url', events: ['NOTIFICATION'] },
      { endpoint: `endpoint must be ${specFormats.uri.description}` },
    ],
    [
      'empty events',
      { endpoint: 'https://example.com/x', events: [] },
      { events: 'events must contain at least 1 item(s)' },
    ],
    [
      'ill-formed event type',
      { endpoint: 'https://example.com/x', events: ['notification.sms'] },
      {
        'events[0]':
          'events[0] must be a dot-separated upper-case event type such as NOTIFICATION.SMS.RECEIPT',
      },
    ],
    [
      'events of the wrong type',
      { endpoint: 'https://example.com/x', events: 'NOTIFICATION' },
      { events: 'events must be array' },
    ],
    ['enabled of the wrong type', { ...hook, enabled: 'yes' }, { enabled: 'enabled must be boolean' }],
    ['no body at all', undefined, { body: 'a JSON request body is required' }],
  ])('%s is 422 with a validations map', async (_, body, validations) => {
    const { call, mock } = setup()
    const answer = await call('POST', '/webhooks', body)
    expect(answer).toMatchObject({
      status: 422,
      body: {
        message: 'UNPROCESSABLE ENTITY',
        description: 'There are errors in the request',
        status: 422,
        validations,
      },
    })
    expect(mock.store.webhooks('ACME')).toEqual([])
  })

  test('malformed JSON is 400 and says so', async () => {
    const { call } = setup()
    const answer = await call('POST', '/webhooks', '{"endpoint": ')
    expect(answer.status).toBe(400)
    expect(answer.body.description).toMatch(/^The request body is not valid JSON: /)
  })

  test('http endpoints on loopback only when allowed (the sandbox)', async () => {
    const { call } = setup({ allowHttpLoopbackEndpoints: true })
    expect((await call('POST', '/webhooks', { ...hook, endpoint: 'http://127.0.0.1:9/x' })).status).toBe(201)
    expect(
      (await call('POST', '/webhooks', { ...hook, endpoint: 'http://example.com/x' })).body.validations,
    ).toEqual({
      endpoint: 'endpoint must use https (http is accepted on loopback hosts only), got http:',
    })
  })
})

describe('read, toggle, delete', () => {
  test('list is 404 with the documented body when the brand has no webhooks', async () => {
    const { call } = setup()
    expect(await call('GET', '/webhooks')).toMatchObject({
      status: 404,
      body: { message: 'NOT FOUND', description: 'No webhooks with that brand ID were found', status: 404 },
    })
  })

  test('brands are isolated', async () => {
    const { call, mock } = setup()
    mock.seedWebhook('OTHER', hook)
    expect((await call('GET', '/webhooks')).status).toBe(404)
  })

  test.each([
    ['GET', undefined],
    ['PATCH', { enabled: true }],
    ['DELETE', undefined],
  ])('%s of an unknown id is 404', async (method, body) => {
    const { call } = setup()
    const answer = await call(method, '/webhooks/3fa85f64-5717-4562-b3fc-2c963f66afa6', body)
    expect(answer.status).toBe(404)
    expect(answer.body.description).toBe(
      'A webhook with ID: 3fa85f64-5717-4562-b3fc-2c963f66afa6 for brandId: ACME was not found',
    )
  })

  test('patch toggles enabled and bumps updated; delete is 204', async () => {
    const { call } = setup()
    const { body: created } = await call('POST', '/webhooks', hook)
    const patched = await call('PATCH', `/webhooks/${created.id}`, { enabled: false })
    expect(patched.status).toBe(200)
    expect(patched.body.enabled).toBe(false)
    expect(Date.parse(patched.body.updated)).toBeGreaterThan(Date.parse(created.updated))
    expect(patched.body.created).toBe(created.created)
    expect((await call('DELETE', `/webhooks/${created.id}`)).status).toBe(204)
    expect((await call('GET', `/webhooks/${created.id}`)).status).toBe(404)
  })

  test('a non-uuid id is 422 naming the parameter', async () => {
    const { call } = setup()
    expect(await call('GET', '/webhooks/nope')).toMatchObject({
      status: 422,
      body: { validations: { id: `id must be ${specFormats.uuid.description}` } },
    })
  })
})

describe('events', () => {
  function withEvents(count: number, options: FlexEngageMockOptions = {}) {
    const ctx = setup(options)
    const webhook = ctx.mock.seedWebhook('ACME', hook)
    const events = Array.from({ length: count }, (_, i) =>
      ctx.mock.seedEvent('ACME', webhook.id, {
        type: 'NOTIFICATION.SMS.RECEIPT',
        created: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
        attempts: [{ status: 'SUCCESS' }],
      }),
    )
    return { ...ctx, webhook, events }
  }

  test('size, then page.lastId as startId leads to the next page with no overlap and no gap', async () => {
    const { call, webhook, events } = withEvents(7)
    const seen: string[] = []
    let startId: string | undefined
    for (let pages = 0; pages < 10; pages++) {
      const { body } = await call(
        'GET',
        `/webhooks/${webhook.id}/events?size=3${startId ? `&startId=${startId}` : ''}`,
      )
      expect(body.page.size).toBe(3)
      seen.push(...body.events.map((e: { id: string }) => e.id))
      if (body.events.length < 3) break
      startId = body.page.lastId
    }
    expect(seen).toEqual(events.map((e) => e.id))
  })

  test('startIdInclusive: the page starts at startId', async () => {
    const { call, webhook, events } = withEvents(3, { startIdInclusive: true })
    const { body } = await call('GET', `/webhooks/${webhook.id}/events?startId=${events[1]?.id}`)
    expect(body.events.map((e: { id: string }) => e.id)).toEqual([events[1]?.id, events[2]?.id])
  })

  test('start is inclusive, end exclusive; start after end is 422', async () => {
    const { call, webhook, events } = withEvents(5)
    const { body } = await call(
      'GET',
      `/webhooks/${webhook.id}/events?start=2024-01-01T00:01:00Z&end=2024-01-01T00:03:00Z`,
    )
    expect(body.events.map((e: { id: string }) => e.id)).toEqual([events[1]?.id, events[2]?.id])
    const reversed = await call(
      'GET',
      `/webhooks/${webhook.id}/events?start=2024-01-02T00:00:00Z&end=2024-01-01T00:00:00Z`,
    )
    expect(reversed).toMatchObject({
      status: 422,
      body: { validations: { start: 'start must not be after end' } },
    })
  })

  test('bad query parameters are 422 naming each', async () => {
    const { call, webhook } = withEvents(0)
    const answer = await call('GET', `/webhooks/${webhook.id}/events?size=0&start=yesterday&startId=42`)
    expect(answer.body.validations).toEqual({
      size: 'size must be at least 1',
      start: `start must be ${specFormats['date-time'].description}`,
      startId: `startId must be ${specFormats.uuid.description}`,
    })
  })

  test('detail has attempts; retry is 202 and adds a new attempt; onRetry sees it', async () => {
    const retried: string[] = []
    const { call, webhook, events } = withEvents(1, { onRetry: ({ attempt }) => retried.push(attempt.id) })
    const eventId = events[0]?.id
    expect((await call('POST', `/webhooks/${webhook.id}/events/${eventId}/retry`)).status).toBe(202)
    const { body } = await call('GET', `/webhooks/${webhook.id}/events/${eventId}`)
    expect(body.attempts).toHaveLength(2)
    expect(body.attempts[1]).toMatchObject({
      id: retried[0],
      status: 'PENDING',
      request: {
        endpoint: hook.endpoint,
        headers: { 'User-Agent': 'FlexEngage Webhook', 'Content-Type': 'application/json' },
      },
    })
    expect(body.status).toBe('PENDING')
    expect(body).not.toHaveProperty('data')
    const unknown = await call(
      'POST',
      `/webhooks/${webhook.id}/events/3fa85f64-5717-4562-b3fc-2c963f66afa6/retry`,
    )
    expect(unknown).toMatchObject({ status: 404, body: { description: 'No event with that ID was found' } })
  })
})

describe('auth', () => {
  test.each([
    ['no Authorization header', {}],
    ['a blank bearer token', { authorization: 'Bearer   ' }],
    ['another scheme', { authorization: 'Basic dTpw' }],
  ])('%s is 401 with a Bearer challenge', async (_, headers) => {
    const { call } = setup()
    const answer = await call('GET', '/webhooks', undefined, headers)
    expect(answer.status).toBe(401)
    expect(answer.headers.get('www-authenticate')).toBe('Bearer')
  })

  test('with a token map: unknown token 401, another brand 403, own brand and * pass', async () => {
    const { call, mock } = setup({ tokens: { mine: 'ACME', other: 'OTHER', admin: '*' } })
    mock.seedWebhook('ACME', hook)
    expect((await call('GET', '/webhooks', undefined, { authorization: 'Bearer stranger' })).status).toBe(401)
    expect((await call('GET', '/webhooks', undefined, { authorization: 'Bearer other' })).status).toBe(403)
    expect((await call('GET', '/webhooks', undefined, { authorization: 'Bearer mine' })).status).toBe(200)
    expect((await call('GET', '/webhooks', undefined, { authorization: 'Bearer admin' })).status).toBe(200)
  })
})

describe('state helpers and determinism', () => {
  test('the same seed gives the same ids and timestamps; another seed does not', async () => {
    const run = async (seed: number) => {
      const { call } = setup({ seed })
      const a = await call('POST', '/webhooks', hook)
      const b = await call('POST', '/webhooks', { ...hook, endpoint: 'https://example.com/2' })
      return [a.body, b.body]
    }
    expect(await run(42)).toEqual(await run(42))
    expect((await run(42))[0].id).not.toBe((await run(43))[0].id)
  })

  test('snapshot, reset and restore', async () => {
    const { call, mock } = setup()
    await call('POST', '/webhooks', hook)
    const snapshot = mock.snapshot()
    mock.reset()
    expect((await call('GET', '/webhooks')).status).toBe(404)
    mock.restore(snapshot)
    expect((await call('GET', '/webhooks')).body).toEqual(
      snapshot.brands.find((b) => b.brandId === 'ACME')?.webhooks,
    )
  })

  test('unknown routes and methods are answered, not thrown', async () => {
    const { call } = setup()
    expect((await call('GET', '/nothing-here')).status).toBe(404)
    const put = await call('PUT', '/webhooks')
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('GET, POST')
  })
})

describe('hardening: a refused request applies nothing', () => {
  test.each([
    ['an endpoint', { endpoint: 'javascript:alert(1)' }],
    ['an id', { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }],
    ['event types', { events: ['<img src=x>'] }],
  ])(
    'PATCH with %s beside enabled is 422 naming the field, and the webhook is unchanged',
    async (_, extra) => {
      const { call, mock } = setup()
      const created = await call('POST', '/webhooks', hook)
      const field = Object.keys(extra)[0] as string
      const patched = await call('PATCH', `/webhooks/${created.body.id}`, { enabled: false, ...extra })
      expect(patched.status).toBe(422)
      expect(Object.keys(patched.body.validations)).toEqual([field])
      expect(mock.store.webhooks('ACME')).toEqual([created.body])
      expect((await call('GET', '/webhooks')).status).toBe(200)
    },
  )

  test('a create asking (Prefer) for a status the operation does not declare is 422 and creates nothing', async () => {
    const { call, mock } = setup()
    const refused = await call('POST', '/webhooks', hook, { ...auth, prefer: 'code=204' })
    expect(refused.status).toBe(422)
    expect(refused.body.description).toMatch(/declares no status 204/)
    expect(mock.store.webhooks('ACME')).toEqual([])
  })

  test('a behaviour whose answer then breaks the spec is undone: the store is as before', async () => {
    const { call, mock } = setup()
    // The behaviour creates the webhook; the scripted header then breaks the 201's Location schema.
    mock.use('createWebhook', { status: 201, headers: { Location: 'not a uri' } }, { once: true })
    await expect(call('POST', '/webhooks', hook)).rejects.toThrow(/Location|location/)
    expect(mock.store.webhooks('ACME')).toEqual([])
    expect((await call('POST', '/webhooks', hook)).status).toBe(201)
  })

  test("the store's listeners hear only of changes that stick, never of a refused request's", async () => {
    const { call, mock } = setup()
    const heard: string[] = []
    mock.store.subscribe((change) => heard.push(change.kind))
    mock.use('createWebhook', { status: 201, headers: { Location: 'not a uri' } }, { once: true })
    await expect(call('POST', '/webhooks', hook)).rejects.toThrow(/Location|location/)
    expect(heard).toEqual([])
    await call('POST', '/webhooks', hook)
    expect(heard).toEqual(['webhook'])
  })

  test('a brand named __proto__ is a brand like any other, in the state and its snapshot', async () => {
    const mockFetch = createMockFetch(createFlexEngageMock())
    const url = `${serverUrls.test}/v1/__proto__/webhooks`
    const headers = { ...auth, 'content-type': 'application/json' }
    expect((await mockFetch(url, { method: 'POST', headers, body: JSON.stringify(hook) })).status).toBe(201)
    const snapshot = JSON.parse(JSON.stringify(mockFetch.mock.snapshot()))
    const restored = createMockFetch(createFlexEngageMock())
    restored.mock.restore(snapshot)
    const listed = await restored(url, { headers: auth })
    expect([listed.status, (await listed.json()).length]).toEqual([200, 1])
  })
})
