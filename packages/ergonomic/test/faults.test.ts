// Fault injection through mock sequences: retries within budget, no duplicate creates, typed errors.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import {
  ConnectionError,
  FlexEngageWebhooks,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseFormatError,
  type RetryContext,
  TimeoutError,
  ValidationError,
} from '../src/index.js'
import { BRAND, hook, setup, TOKEN } from './helpers.js'

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled)
})
afterAll(() => {
  process.off('unhandledRejection', onUnhandled)
  expect(unhandled).toEqual([])
})
afterEach(() => {
  vi.useRealTimers()
})

describe('idempotent calls succeed within the retry budget', () => {
  test('503, then 429 with retry-after-ms, then success; onRetry sees each wait', async () => {
    const retries: RetryContext[] = []
    const { fe, mock } = setup({ onRetry: (c) => retries.push(c) })
    const { id } = mock.seedWebhook(BRAND, hook)
    mock.use('getWebhook', [503, { status: 429, headers: { 'retry-after-ms': '20' } }])
    expect((await fe.webhooks.get(id)).id).toBe(id)
    expect(mock.requestCount).toBe(3)
    expect(retries.map((r) => [r.attempt, r.error.name])).toEqual([
      [1, 'InternalServerError'],
      [2, 'RateLimitError'],
    ])
    expect(retries[1]?.delayMs).toBe(20)
  })

  test('Retry-After in seconds is honoured', async () => {
    // Fake timers: the wait is observed on the virtual clock, so load cannot shorten or stretch it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const retries: RetryContext[] = []
    const { fe, mock } = setup({ onRetry: (c) => retries.push(c) })
    mock.use('listWebhooks', [{ status: 429, headers: { 'Retry-After': '1' } }])
    let settled = false
    const call = fe.webhooks.list().finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(retries[0]?.delayMs).toBe(1000)
    expect(mock.requestCount).toBe(1)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await call).toEqual([])
    expect(mock.requestCount).toBe(2)
  })

  test('a Retry-After above the cap surfaces as RateLimitError carrying it, with no wait', async () => {
    const { fe, mock } = setup()
    mock.use('listWebhooks', { status: 429, headers: { 'Retry-After': '120' } })
    const error = await fe.webhooks.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfterMs).toBe(120_000)
    expect(mock.requestCount).toBe(1)
  })

  test('dropped connections are retried', async () => {
    const { fe, mock } = setup()
    mock.use('listWebhooks', [{ network: 'drop' }, { network: 'drop' }])
    expect(await fe.webhooks.list()).toEqual([])
    expect(mock.requestCount).toBe(3)
  })

  test('an attempt slower than timeoutMs is abandoned and retried', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { fe, mock } = setup({ timeoutMs: 300 })
    const { id } = mock.seedWebhook(BRAND, hook)
    mock.use('getWebhook', [{ delayMs: 10_000 }])
    const call = fe.webhooks.get(id)
    await vi.advanceTimersByTimeAsync(299)
    expect(mock.requestCount).toBe(1)
    // The timeout fires, then the (at most 5 ms) backoff, then the second attempt answers at once.
    await vi.advanceTimersByTimeAsync(1 + 5)
    expect((await call).id).toBe(id)
    expect(mock.requestCount).toBe(2)
  })

  test('when every attempt fails the last error arrives typed, after maxRetries + 1 attempts', async () => {
    const { fe, mock } = setup({ maxRetries: 3 })
    mock.use('listWebhooks', 500)
    await expect(fe.webhooks.list()).rejects.toBeInstanceOf(InternalServerError)
    expect(mock.requestCount).toBe(4)
    const slow = setup({ timeoutMs: 20, maxRetries: 1 })
    slow.mock.use('listWebhooks', { delayMs: 1_000 })
    await expect(slow.fe.webhooks.list()).rejects.toBeInstanceOf(TimeoutError)
    expect(slow.mock.requestCount).toBe(2)
  })

  test('deadlineMs bounds the whole call, retries included', async () => {
    // Date and timers are virtual: each attempt takes no time, each backoff at most 40 ms.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { fe, mock } = setup({
      deadlineMs: 100,
      maxRetries: 10,
      retry: { baseDelayMs: 40, maxDelayMs: 40 },
    })
    mock.use('listWebhooks', 503)
    const started = Date.now()
    const outcome = fe.webhooks.list().catch((e: unknown) => e)
    await vi.runAllTimersAsync()
    const error = await outcome
    // The last real failure, not "out of time"; no backoff ever ran past the deadline.
    expect(error).toBeInstanceOf(InternalServerError)
    expect(Date.now() - started).toBeLessThanOrEqual(100)
    expect(mock.requestCount).toBeGreaterThanOrEqual(3)
    expect(mock.requestCount).toBeLessThan(11)
  })

  test('shouldRetry overrides the default decision', async () => {
    const { fe, mock } = setup({
      shouldRetry: ({ error }) => (error.name === 'NotFoundError' ? true : undefined),
    })
    const { id } = mock.seedWebhook(BRAND, hook)
    mock.use('getWebhook', [404])
    expect((await fe.webhooks.get(id)).id).toBe(id)
    expect(mock.requestCount).toBe(2)
    const noRetry = setup({ shouldRetry: () => false })
    noRetry.mock.use('listWebhooks', 503, { once: true })
    await expect(noRetry.fe.webhooks.list()).rejects.toBeInstanceOf(InternalServerError)
    expect(noRetry.mock.requestCount).toBe(1)
  })

  test('the caller aborting ends the call with AbortError, also during a backoff wait', async () => {
    const controller = new AbortController()
    // onRetry runs just before the backoff wait starts: the abort lands inside that wait.
    const { fe, mock } = setup({
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
      onRetry: () => controller.abort(),
    })
    mock.use('listWebhooks', 503)
    await expect(fe.webhooks.list({ signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(mock.requestCount).toBe(1)
  })
})

describe('create never produces a duplicate', () => {
  test('a create whose response was lost is re-sent, meets 409 and resolves to the webhook it made', async () => {
    const { mock, mockFetch } = setup()
    let creates = 0
    const fe = new FlexEngageWebhooks({
      brandId: BRAND,
      token: TOKEN,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      fetch: async (input, init) => {
        const response = await mockFetch(input, init)
        if (init?.method === 'POST' && ++creates === 1) throw new TypeError('fetch failed') // processed, answer lost
        return response
      },
    })
    const webhook = await fe.webhooks.create(hook)
    expect(creates).toBe(2)
    expect(mock.store.webhooks(BRAND)).toEqual([expect.objectContaining({ id: webhook.id })])
  })

  test('503 then success creates exactly one webhook', async () => {
    const { fe, mock } = setup()
    mock.use('createWebhook', [503])
    await fe.webhooks.create(hook)
    expect(mock.store.webhooks(BRAND)).toHaveLength(1)
  })
})

describe('non-retryable answers arrive typed, at once', () => {
  test.each([
    [404, NotFoundError],
    [403, PermissionDeniedError],
  ])('%i', async (status, type) => {
    const { fe, mock } = setup()
    const { id } = mock.seedWebhook(BRAND, hook)
    mock.use('getWebhook', status as 404)
    await expect(fe.webhooks.get(id)).rejects.toBeInstanceOf(type)
    expect(mock.requestCount).toBe(1)
  })

  test('422 carries the typed validations map', async () => {
    const { fe, mock } = setup()
    mock.use('createWebhook', 422, { once: true })
    const error = (await fe.webhooks.create(hook).catch((e: unknown) => e)) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.validations).toEqual({ endpoint: 'endpoint is required' })
    expect(mock.requestCount).toBe(1)
  })

  test('malformed JSON on a 2xx is a ResponseFormatError that keeps the raw body', async () => {
    const { fe, mock } = setup({ maxRetries: 0 })
    const { id } = mock.seedWebhook(BRAND, hook)
    mock.use('getWebhook', { rawBody: '{"id": "3fa8' }, { once: true })
    const error = (await fe.webhooks.get(id).catch((e: unknown) => e)) as ResponseFormatError
    expect(error).toBeInstanceOf(ResponseFormatError)
    expect(error.rawBody).toBe('{"id": "3fa8')
  })

  test('a 2xx body is passed through as sent: the client does not restate the schema', async () => {
    const { fe, mock } = setup()
    mock.use('listWebhooks', { rawBody: '{"not": "a list"}' }, { once: true })
    expect(await fe.webhooks.list()).toEqual({ not: 'a list' })
  })

  test('a refused connection is a ConnectionError', async () => {
    const fe = new FlexEngageWebhooks({
      brandId: BRAND,
      token: TOKEN,
      baseUrl: 'http://127.0.0.1:1',
      maxRetries: 0,
    })
    await expect(fe.webhooks.list()).rejects.toBeInstanceOf(ConnectionError)
  })
})
