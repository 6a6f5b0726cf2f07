// Scenario control: statuses picked on purpose, sequences, faults, Prism-compatible Prefer, and
// validation of every override against the spec.
import { describe, expect, expectTypeOf, test, vi } from 'vitest'
import { createFlexEngageMock, createMockFetch, MockContractError, type ScenarioStep } from '../src/index.js'

const base = 'https://api.flexengage-test.com/v1/ACME'

function setup() {
  const mockFetch = createMockFetch(createFlexEngageMock({ seed: 11 }))
  const webhook = mockFetch.mock.seedWebhook('ACME', {
    endpoint: 'https://example.com/h',
    events: ['NOTIFICATION'],
  })
  const get = (init: RequestInit = {}) =>
    mockFetch(`${base}/webhooks/${webhook.id}`, {
      ...init,
      headers: { authorization: 'Bearer t', ...init.headers },
    })
  return { mock: mockFetch.mock, webhook, get, mockFetch }
}

describe('picking answers on purpose', () => {
  test('a standing status stays until reset: statuses never rotate', async () => {
    const { mock, get } = setup()
    mock.use('getWebhook', { status: 404 })
    const statuses = await Promise.all(Array.from({ length: 5 }, async () => (await get()).status))
    expect(statuses).toEqual([404, 404, 404, 404, 404])
    mock.resetScenarios()
    expect((await get()).status).toBe(200)
  })

  test('once, then back to the stateful answer', async () => {
    const { mock, get } = setup()
    mock.use('getWebhook', 500, { once: true })
    const first = await get()
    expect(first.status).toBe(500)
    expect(await first.json()).toEqual({
      message: 'Internal Server Error',
      description: 'The server encountered an unexpected error.',
      status: 500,
    })
    expect((await get()).status).toBe(200)
  })

  test('a sequence [503, 429 with Retry-After, 200] is played in order, then normal behaviour', async () => {
    const { mock, get, webhook } = setup()
    mock.use('getWebhook', [503, { status: 429, headers: { 'Retry-After': '2' } }, 200])
    const first = await get()
    const second = await get()
    const third = await get()
    expect([first.status, second.status, third.status]).toEqual([503, 429, 200])
    expect(second.headers.get('retry-after')).toBe('2')
    expect(await second.text()).toBe('')
    expect((await third.json()).id).toBe(webhook.id)
    expect((await get()).status).toBe(200)
  })

  test('a typed body override is sent as given', async () => {
    const { mock, get, webhook } = setup()
    mock.use('getWebhook', { status: 200, body: { ...webhook, endpoint: 'https://override.example/x' } })
    expect((await (await get()).json()).endpoint).toBe('https://override.example/x')
  })

  test('overrides are typed against the spec', () => {
    expectTypeOf<{ status: 404; body: { message: string } }>().toMatchTypeOf<ScenarioStep<'getWebhook'>>()
    expectTypeOf<{ status: 200; body: { id: number } }>().not.toMatchTypeOf<ScenarioStep<'getWebhook'>>()
    expectTypeOf<{ status: 409 }>().not.toMatchTypeOf<ScenarioStep<'getWebhook'>>()
    expectTypeOf<{ status: 409 }>().toMatchTypeOf<ScenarioStep<'createWebhook'>>()
  })
})

describe('faults', () => {
  test('added latency, and the caller can abort while waiting', async () => {
    const { mock, get } = setup()
    // The added latency is observed on fake timers: no answer before 50 ms, an answer at 50 ms.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      mock.use('getWebhook', { delayMs: 50 }, { once: true })
      let answered = false
      const response = get().finally(() => {
        answered = true
      })
      await vi.advanceTimersByTimeAsync(49)
      expect(answered).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect((await response).status).toBe(200)
    } finally {
      vi.useRealTimers()
    }
    mock.use('getWebhook', { delayMs: 10_000 }, { once: true })
    await expect(get({ signal: AbortSignal.timeout(30) })).rejects.toMatchObject({ name: 'TimeoutError' })
  })

  test('a dropped connection is a network error, like undici', async () => {
    const { mock, get } = setup()
    mock.use('getWebhook', { network: 'drop' }, { once: true })
    await expect(get()).rejects.toThrow(new TypeError('fetch failed'))
  })

  test('a malformed body is sent verbatim', async () => {
    const { mock, get } = setup()
    mock.use('getWebhook', { rawBody: '{"id": "3fa8' }, { once: true })
    const response = await get()
    expect(response.status).toBe(200)
    await expect(response.json()).rejects.toThrow(SyntaxError)
  })
})

describe('Prism-compatible Prefer header', () => {
  test('code=NNN picks the status and its documented example', async () => {
    const { get } = setup()
    const response = await get({ headers: { prefer: 'code=404' } })
    expect(response.status).toBe(404)
    expect((await response.json()).description).toBe('A webhook with ID: 123 for brandId: ABC was not found')
  })

  test('example=NAME picks a named example', async () => {
    const { mockFetch } = setup()
    const response = await mockFetch(`${base}/webhooks`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', prefer: 'example=conflict', 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'https://example.com/x', events: ['NOTIFICATION'] }),
    })
    expect(response.status).toBe(409)
    expect((await response.json()).message).toBe('CONFLICT')
  })
})

describe('validation of what the mock sends', () => {
  test('an override that breaks the spec throws, naming the bad field', async () => {
    const { mock, get, webhook } = setup()
    mock.use('getWebhook', { status: 200, body: { ...webhook, id: 'not-a-uuid' } }, { once: true })
    const error = await get().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MockContractError)
    expect((error as MockContractError).message).toContain('/body/id must be a UUID')
    expect(mock.violations).toHaveLength(1)
  })

  test('a body on a status declared without content is refused', async () => {
    const { mock, mockFetch, webhook } = setup()
    mock.use('deleteWebhook', { status: 204, body: undefined as never, headers: {} }, { once: true })
    const ok = await mockFetch(`${base}/webhooks/${webhook.id}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer t' },
    })
    expect(ok.status).toBe(204)
    mock.use('getWebhook', { status: 401, body: { message: 'nope' } as never }, { once: true })
    await expect(
      mockFetch(`${base}/webhooks/${webhook.id}`, { headers: { authorization: 'Bearer t' } }),
    ).rejects.toThrow('a body was sent for a status the spec declares without content')
  })

  test('an undeclared status is refused unless a gateway would send it', async () => {
    const { mock, get } = setup()
    mock.use('getWebhook', 418 as never, { once: true })
    await expect(get()).rejects.toThrow('status 418 is not declared')
    mock.use('getWebhook', 502, { once: true })
    expect((await get()).status).toBe(502)
  })
})
