// The bearer token must not appear on any error surface: message, stack, toJSON, util.inspect, String,
// causes, retry hook contexts, or the client object itself.
import { inspect } from 'node:util'
import { expect, test } from 'vitest'
import { FlexEngageWebhooks, type RetryContext } from '../src/index.js'
import { BRAND, hook, setup, TOKEN } from './helpers.js'

function surfaces(value: unknown): string[] {
  const error = value as Error & { cause?: unknown }
  return [
    String(value),
    error?.message ?? '',
    error?.stack ?? '',
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true }),
    inspect(error?.cause, { depth: 10, showHidden: true }),
  ]
}

test('no error surface, retry context or client inspection contains the token', async () => {
  const retries: RetryContext[] = []
  const { fe, mock } = setup({ onRetry: (c) => retries.push(c), maxRetries: 1 })
  const { id } = mock.seedWebhook(BRAND, hook)
  const provoke: Array<[arrange: () => void, act: () => PromiseLike<unknown>]> = [
    [() => mock.use('getWebhook', 401, { once: true }), () => fe.webhooks.get(id)],
    [() => mock.use('getWebhook', 403, { once: true }), () => fe.webhooks.get(id)],
    [() => mock.use('getWebhook', [500, 500]), () => fe.webhooks.get(id)],
    [
      () => mock.use('getWebhook', { status: 429, headers: { 'Retry-After': '600' } }, { once: true }),
      () => fe.webhooks.get(id),
    ],
    [() => mock.use('createWebhook', 422, { once: true }), () => fe.webhooks.create(hook)],
    [() => undefined, () => fe.webhooks.create(hook)],
    [() => mock.use('getWebhook', [{ network: 'drop' }, { network: 'drop' }]), () => fe.webhooks.get(id)],
    // Only this call has a short attempt timeout: the answers never come before it fires.
    [
      () => mock.use('getWebhook', [{ delayMs: 60_000 }, { delayMs: 60_000 }]),
      () => fe.webhooks.get(id, { timeoutMs: 300 }),
    ],
    [
      () => mock.use('getWebhook', { rawBody: 'not json' }, { once: true }),
      () => fe.webhooks.get(id, { maxRetries: 0 }),
    ],
    [() => undefined, () => fe.webhooks.get(id, { signal: AbortSignal.abort() })],
    [() => undefined, () => fe.webhooks.get('not-a-uuid')],
  ]
  const names = new Set<string>()
  for (const [arrange, act] of provoke) {
    arrange()
    const error = await Promise.resolve(act()).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error, 'each call must fail').toBeInstanceOf(Error)
    names.add((error as Error).name)
    for (const surface of surfaces(error)) expect(surface).not.toContain(TOKEN)
  }
  expect([...names].sort()).toEqual([
    'AbortError',
    'AuthenticationError',
    'ConflictError',
    'ConnectionError',
    'InternalServerError',
    'InvalidArgumentError',
    'PermissionDeniedError',
    'RateLimitError',
    'ResponseFormatError',
    'TimeoutError',
    'ValidationError',
  ])
  expect(retries.length).toBeGreaterThan(0)
  for (const context of retries)
    expect(inspect(context, { depth: 10, showHidden: true })).not.toContain(TOKEN)
  expect(inspect(fe, { depth: 10, showHidden: true })).not.toContain(TOKEN)
  expect(JSON.stringify(fe)).not.toContain(TOKEN)
})

test('the token provider is not exposed either', () => {
  const fe = new FlexEngageWebhooks({ brandId: BRAND, token: () => TOKEN })
  expect(inspect(fe, { depth: 10, showHidden: true })).not.toContain(TOKEN)
})
