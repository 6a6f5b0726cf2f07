// Every method of the ergonomic client against the in-process stateful mock.

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createFlexEngageMock, createMockFetch } from '@flexengage/webhooks-mock-handlers'
import { createHandlers } from '@flexengage/webhooks-mock-handlers/msw'
import { setupServer } from 'msw/node'
import { describe, expect, test } from 'vitest'
import {
  ConflictError,
  FlexEngageWebhooks,
  matchesEventType,
  NotFoundError,
  PaginationError,
} from '../src/index.js'
import { BRAND, hook, setup, TOKEN } from './helpers.js'

describe('webhooks', () => {
  test('create defaults enabled as the spec does and returns the webhook as the API sent it', async () => {
    const { fe, mock } = setup()
    const webhook = await fe.webhooks.create(hook)
    expect(webhook).toMatchObject({ ...hook, enabled: true })
    // One model family: the client's result is the stored webhook, timestamps as ISO strings.
    expect(webhook).toEqual(mock.store.findWebhook(BRAND, webhook.id))
    expect(
      (await fe.webhooks.create({ ...hook, endpoint: 'https://example.com/2', enabled: false })).enabled,
    ).toBe(false)
  })

  test('list is [] when the API answers 404 "no webhooks", then the webhooks', async () => {
    const { fe } = setup()
    expect(await fe.webhooks.list()).toEqual([])
    const webhook = await fe.webhooks.create(hook)
    expect((await fe.webhooks.list()).map((w) => w.id)).toEqual([webhook.id])
  })

  test('get, enable, disable, update and delete', async () => {
    const { fe } = setup()
    const { id } = await fe.webhooks.create(hook)
    expect((await fe.webhooks.get(id)).id).toBe(id)
    expect((await fe.webhooks.disable(id)).enabled).toBe(false)
    expect((await fe.webhooks.get(id)).enabled).toBe(false)
    expect((await fe.webhooks.enable(id)).enabled).toBe(true)
    expect((await fe.webhooks.update(id, { enabled: false })).enabled).toBe(false)
    await fe.webhooks.delete(id)
    await expect(fe.webhooks.get(id)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('update returns the webhook when the API answers 204 without a body', async () => {
    const { fe, mock } = setup()
    const { id } = await fe.webhooks.create(hook)
    mock.use('updateWebhook', 204, { once: true })
    const updated = await fe.webhooks.update(id, { enabled: false })
    expect(updated.id).toBe(id)
    expect(updated.enabled).toBe(false)
  })

  test('withResponse gives status and headers', async () => {
    const { fe } = setup()
    const { data, response } = await fe.webhooks.create(hook).withResponse()
    expect(response.status).toBe(201)
    expect(response.headers.get('location')).toContain(data.id)
  })

  test('ensure creates, then finds it unchanged, then re-enables a disabled one', async () => {
    const { fe, mock } = setup()
    const first = await fe.webhooks.ensure(hook)
    expect(first.action).toBe('created')
    const again = await fe.webhooks.ensure({ ...hook, events: [...hook.events] })
    expect(again).toMatchObject({ action: 'unchanged', webhook: { id: first.webhook.id } })
    await fe.webhooks.disable(first.webhook.id)
    const enabled = await fe.webhooks.ensure(hook)
    expect(enabled).toMatchObject({ action: 'enabled', webhook: { id: first.webhook.id, enabled: true } })
    expect(mock.store.webhooks(BRAND)).toHaveLength(1)
  })

  test('a first-attempt 409 is a ConflictError', async () => {
    const { fe } = setup()
    await fe.webhooks.create(hook)
    const error = await fe.webhooks.create(hook).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).status).toBe(409)
  })
})

describe('events', () => {
  function withEvents(count: number, mockOptions = {}) {
    const ctx = setup({}, mockOptions)
    const webhook = ctx.mock.seedWebhook(BRAND, hook)
    const ids = Array.from(
      { length: count },
      (_, i) =>
        ctx.mock.seedEvent(BRAND, webhook.id, {
          type: 'NOTIFICATION.SMS.RECEIPT',
          status: i % 3 === 0 ? 'FAILURE' : 'SUCCESS',
          created: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        }).id,
    )
    return { ...ctx, webhook, ids }
  }

  test.each([
    ['exclusive', false],
    ['inclusive', true],
  ])('for await yields every event once, whether startId is %s', async (_, startIdInclusive) => {
    const { fe, webhook, ids } = withEvents(23, { startIdInclusive })
    const seen: string[] = []
    for await (const event of fe.webhooks.events.list(webhook.id, { pageSize: 5 })) seen.push(event.id)
    expect(seen).toEqual(ids)
  })

  test('pages(), maxItems, maxPages, and a window', async () => {
    const { fe, webhook, ids } = withEvents(12)
    const pages = []
    for await (const page of fe.webhooks.events.list(webhook.id, { pageSize: 5 }).pages())
      pages.push(page.events.length)
    expect(pages).toEqual([5, 5, 2])
    const limited: string[] = []
    for await (const e of fe.webhooks.events.list(webhook.id, { pageSize: 5, maxItems: 7 }))
      limited.push(e.id)
    expect(limited).toEqual(ids.slice(0, 7))
    let pageCount = 0
    for await (const _ of fe.webhooks.events.list(webhook.id, { pageSize: 5, maxPages: 2 }).pages())
      pageCount++
    expect(pageCount).toBe(2)
    const windowed: string[] = []
    for await (const e of fe.webhooks.events.list(webhook.id, {
      start: '2024-01-01T00:00:03Z',
      end: new Date('2024-01-01T00:00:06Z'),
    }))
      windowed.push(e.id)
    expect(windowed).toEqual(ids.slice(3, 6))
  })

  test('stopping early exposes a cursor that resumes right after the last event seen', async () => {
    const { fe, webhook, ids } = withEvents(9)
    const list = fe.webhooks.events.list(webhook.id, { pageSize: 4 })
    const firstPart: string[] = []
    for await (const event of list) {
      firstPart.push(event.id)
      if (firstPart.length === 6) break
    }
    const rest: string[] = []
    for await (const event of fe.webhooks.events.list(webhook.id, { pageSize: 4, startAfter: list.cursor }))
      rest.push(event.id)
    expect([...firstPart, ...rest]).toEqual(ids)
  })

  test('a cursor that stops advancing ends in PaginationError, not a loop', async () => {
    const { fe, mock, webhook, ids } = withEvents(3)
    const stuck = {
      status: 200 as const,
      body: {
        events: [
          {
            id: ids[0] as string,
            type: 'NOTIFICATION',
            created: '2024-01-01T00:00:00Z',
            updated: '2024-01-01T00:00:00Z',
            status: 'SUCCESS',
          },
          {
            id: ids[1] as string,
            type: 'NOTIFICATION',
            created: '2024-01-01T00:00:00Z',
            updated: '2024-01-01T00:00:00Z',
            status: 'SUCCESS',
          },
        ],
        page: { size: 2, lastId: ids[1] as string },
      },
    }
    mock.use('listWebhookEvents', stuck)
    const seen: string[] = []
    const error = await (async () => {
      for await (const event of fe.webhooks.events.list(webhook.id, { pageSize: 2 })) seen.push(event.id)
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PaginationError)
    expect(seen.length).toBeLessThan(10)
  })

  test('memory stays flat over 100k events (heap after forced GCs, in a child process)', () => {
    const run = spawnSync(
      process.execPath,
      ['--expose-gc', fileURLToPath(new URL('./fixtures/iterate-100k.mjs', import.meta.url))],
      {
        encoding: 'utf8',
      },
    )
    expect(run.stderr).toBe('')
    const { count, heap } = JSON.parse(run.stdout) as { count: number; heap: number[] }
    expect(count).toBe(100_000)
    // After the first 10k (warm-up: compiled code, caches) the heap must stay flat. Holding the
    // other 90k events would cost tens of megabytes; the iterator keeps only the current page.
    const afterWarmUp = heap.slice(1)
    expect(Math.max(...afterWarmUp) - Math.min(...afterWarmUp)).toBeLessThan(2 * 1024 * 1024)
  })

  test('get has attempts; retry adds one', async () => {
    const { fe, webhook, ids } = withEvents(1)
    const eventId = ids[0] as string
    await fe.webhooks.events.retry(webhook.id, eventId)
    const detail = await fe.webhooks.events.get(webhook.id, eventId)
    expect(detail.attempts.map((a) => a.status)).toEqual(['PENDING'])
  })

  test('retryFailed re-sends each failed event exactly once, within the concurrency limit', async () => {
    const { mock, mockFetch, webhook, ids } = withEvents(20)
    let inFlight = 0
    let maxInFlight = 0
    // Retries are held until the client has as many in flight as it may (or the listing is over):
    // the limit is reached, and tested, however slowly the machine runs.
    let listingOver = false
    const held: Array<() => void> = []
    const releaseIfFull = () => {
      if (inFlight >= 3 || listingOver) for (const release of held.splice(0)) release()
    }
    const counting = new FlexEngageWebhooks({
      brandId: BRAND,
      token: TOKEN,
      fetch: async (input, init) => {
        const isRetry = String(input).endsWith('/retry')
        if (!isRetry) {
          const response = await mockFetch(input, init)
          const page = (await response.clone().json()) as { events: unknown[] }
          if (page.events.length < 6) {
            listingOver = true
            releaseIfFull()
          }
          return response
        }
        maxInFlight = Math.max(maxInFlight, ++inFlight)
        try {
          await new Promise<void>((resolve) => {
            held.push(resolve)
            releaseIfFull()
          })
          return await mockFetch(input, init)
        } finally {
          inFlight--
        }
      },
    })
    const progress: number[] = []
    const result = await counting.webhooks.events.retryFailed(webhook.id, {
      concurrency: 3,
      pageSize: 6,
      onProgress: (p) => progress.push(p.retried),
    })
    const failedIds = ids.filter((_, i) => i % 3 === 0)
    expect(result).toMatchObject({
      scanned: 20,
      matched: failedIds.length,
      retried: failedIds.length,
      failed: 0,
    })
    expect([...result.retriedEventIds].sort()).toEqual([...failedIds].sort())
    expect(maxInFlight).toBe(3)
    expect(progress.at(-1)).toBe(failedIds.length)
    for (const id of failedIds) {
      expect(mock.store.findEvent(BRAND, webhook.id, id)?.attempts).toHaveLength(1)
    }
  })
})

describe('transport', () => {
  test('a token provider is asked once, then again once after a 401', async () => {
    const tokens = ['expired', 'fresh', 'never-used']
    let asked = 0
    const { fe, mock } = setup({ token: async () => tokens[asked++] as string }, { tokens: { fresh: BRAND } })
    mock.seedWebhook(BRAND, hook)
    expect(await fe.webhooks.list()).toHaveLength(1)
    expect(await fe.webhooks.list()).toHaveLength(1)
    expect(asked).toBe(2)
  })

  test('a second 401 after refreshing is an AuthenticationError', async () => {
    let asked = 0
    const { fe } = setup({ token: () => `bad-${++asked}` }, { tokens: { good: BRAND } })
    await expect(fe.webhooks.list()).rejects.toMatchObject({ name: 'AuthenticationError', status: 401 })
    expect(asked).toBe(2)
  })

  test('the global fetch is looked up at call time (MSW installed after construction works)', async () => {
    const mock = createFlexEngageMock({ seed: 4 })
    const fe = new FlexEngageWebhooks({ brandId: BRAND, token: TOKEN })
    const server = setupServer(...createHandlers(mock))
    server.listen({ onUnhandledRequest: 'error' })
    try {
      expect((await fe.webhooks.create(hook)).endpoint).toBe(hook.endpoint)
    } finally {
      server.close()
    }
  })

  test('per-request headers and a custom base URL', async () => {
    const seen: Array<[string, string | null]> = []
    const mockFetch = createMockFetch(createFlexEngageMock({ seed: 5 }))
    const fe = new FlexEngageWebhooks({
      brandId: BRAND,
      token: TOKEN,
      baseUrl: 'http://127.0.0.1:9/',
      fetch: (input, init) => {
        seen.push([String(input), new Headers(init?.headers).get('x-trace')])
        return mockFetch(input, init)
      },
    })
    await fe.webhooks.list({ headers: { 'x-trace': 'abc' } })
    expect(seen).toEqual([['http://127.0.0.1:9/v1/ACME/webhooks', 'abc']])
  })

  test('path parameters are encoded: a brandId of ../x cannot change the path', async () => {
    const urls: string[] = []
    const mockFetch = createMockFetch()
    const fe = new FlexEngageWebhooks({
      brandId: '../x',
      token: TOKEN,
      fetch: (input, init) => {
        urls.push(String(input))
        return mockFetch(input, init)
      },
    })
    await fe.webhooks.list()
    expect(urls).toEqual(['https://api.flexengage-test.com/v1/..%2Fx/webhooks'])
  })
})

test('matchesEventType is hierarchical', () => {
  expect(matchesEventType('NOTIFICATION.SMS', 'NOTIFICATION.SMS.RECEIPT')).toBe(true)
  expect(matchesEventType('NOTIFICATION', 'NOTIFICATION.SMS.RECEIPT')).toBe(true)
  expect(matchesEventType('NOTIFICATION.SMS.RECEIPT', 'NOTIFICATION.SMS.RECEIPT')).toBe(true)
  expect(matchesEventType('NOTIFICATION.SMS', 'NOTIFICATION.SMSX.RECEIPT')).toBe(false)
  expect(matchesEventType('NOTIFICATION.SMS.RECEIPT', 'NOTIFICATION.SMS')).toBe(false)
  expect(matchesEventType('*', 'ORDER_EVENTS.OMS.ORDER_CREATED')).toBe(true)
})
