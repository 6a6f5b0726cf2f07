// Input refused before any request: each case must throw InvalidArgumentError with zero requests sent.
import { describe, expect, test } from 'vitest'
import { type ClientOptions, FlexEngageWebhooks, InvalidArgumentError } from '../src/index.js'
import { hook, setup, TOKEN } from './helpers.js'

const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
type Client = ReturnType<typeof setup>['fe']

const calls: Array<[string, (fe: Client) => unknown]> = [
  ['get: id not a uuid', (fe) => fe.webhooks.get('123')],
  ['get: id empty', (fe) => fe.webhooks.get('')],
  ['get: id a path trick', (fe) => fe.webhooks.get('../../admin')],
  ['get: id undefined', (fe) => fe.webhooks.get(undefined as never)],
  ['delete: id not a uuid', (fe) => fe.webhooks.delete('abc')],
  ['enable: id not a uuid', (fe) => fe.webhooks.enable('nope')],
  ['disable: id a number', (fe) => fe.webhooks.disable(42 as never)],
  ['update: enabled missing', (fe) => fe.webhooks.update(ID, {} as never)],
  ['update: enabled a string', (fe) => fe.webhooks.update(ID, { enabled: 'true' as never })],
  ['create: no input', (fe) => fe.webhooks.create(undefined as never)],
  ['create: endpoint missing', (fe) => fe.webhooks.create({ events: hook.events } as never)],
  ['create: endpoint http', (fe) => fe.webhooks.create({ ...hook, endpoint: 'http://example.com/x' })],
  ['create: endpoint relative', (fe) => fe.webhooks.create({ ...hook, endpoint: '/hooks' })],
  ['create: endpoint not a URL', (fe) => fe.webhooks.create({ ...hook, endpoint: 'not a url' })],
  ['create: endpoint ftp', (fe) => fe.webhooks.create({ ...hook, endpoint: 'ftp://example.com/x' })],
  ['create: events empty', (fe) => fe.webhooks.create({ ...hook, events: [] })],
  ['create: events not an array', (fe) => fe.webhooks.create({ ...hook, events: 'NOTIFICATION' as never })],
  ['create: event lower-case', (fe) => fe.webhooks.create({ ...hook, events: ['notification.sms'] })],
  ['create: event with a trailing dot', (fe) => fe.webhooks.create({ ...hook, events: ['NOTIFICATION.'] })],
  ['create: event with a space', (fe) => fe.webhooks.create({ ...hook, events: ['NOTIFICATION SMS'] })],
  ['create: enabled not boolean', (fe) => fe.webhooks.create({ ...hook, enabled: 1 as never })],
  ['ensure: endpoint http', (fe) => fe.webhooks.ensure({ ...hook, endpoint: 'http://example.com/x' })],
  ['ensure: events empty', (fe) => fe.webhooks.ensure({ ...hook, events: [] })],
  ['events.list: webhook id not a uuid', (fe) => fe.webhooks.events.list('x')],
  [
    'events.list: start after end',
    (fe) => fe.webhooks.events.list(ID, { start: '2024-02-01T00:00:00Z', end: '2024-01-01T00:00:00Z' }),
  ],
  ['events.list: start not a date', (fe) => fe.webhooks.events.list(ID, { start: 'yesterday' })],
  ['events.list: end an invalid Date', (fe) => fe.webhooks.events.list(ID, { end: new Date('nope') })],
  ['events.list: page size 0', (fe) => fe.webhooks.events.list(ID, { pageSize: 0 })],
  ['events.list: page size negative', (fe) => fe.webhooks.events.list(ID, { pageSize: -5 })],
  ['events.list: page size fractional', (fe) => fe.webhooks.events.list(ID, { pageSize: 2.5 })],
  ['events.list: maxItems 0', (fe) => fe.webhooks.events.list(ID, { maxItems: 0 })],
  ['events.list: startAfter not a uuid', (fe) => fe.webhooks.events.list(ID, { startAfter: 'last' })],
  ['events.get: event id not a uuid', (fe) => fe.webhooks.events.get(ID, 'evt_1')],
  ['events.get: webhook id not a uuid', (fe) => fe.webhooks.events.get('wh_1', ID)],
  ['events.retry: event id not a uuid', (fe) => fe.webhooks.events.retry(ID, '')],
  ['retryFailed: concurrency 0', (fe) => fe.webhooks.events.retryFailed(ID, { concurrency: 0 })],
  [
    'retryFailed: since after until',
    (fe) =>
      fe.webhooks.events.retryFailed(ID, { since: '2024-03-01T00:00:00Z', until: '2024-01-01T00:00:00Z' }),
  ],
]

const constructions: Array<[string, Partial<ClientOptions>]> = [
  ['empty brandId', { brandId: '' }],
  ['blank brandId', { brandId: '   ' }],
  ['empty token', { token: '' }],
  ['token not a string', { token: 42 as never }],
  ['unknown environment', { environment: 'staging' as never }],
  ['baseUrl not a URL', { baseUrl: 'api.flexengage.com' }],
  ['baseUrl not http(s)', { baseUrl: 'ftp://api.flexengage.com' }],
  ['timeoutMs 0', { timeoutMs: 0 }],
  ['maxRetries negative', { maxRetries: -1 }],
  ['maxRetries fractional', { maxRetries: 1.5 }],
]

describe('bad input is refused before any request', () => {
  test('the table holds at least 30 cases', () => {
    expect(calls.length + constructions.length).toBeGreaterThanOrEqual(30)
  })

  test.each(calls)('%s', async (_, call) => {
    const { fe, mock } = setup()
    const error = await (async () => call(fe))().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(InvalidArgumentError)
    expect((error as Error).message).toMatch(/must|is required/)
    expect(mock.requestCount).toBe(0)
  })

  test.each(constructions)('constructor: %s', (_, options) => {
    expect(
      () => new FlexEngageWebhooks({ brandId: 'ACME', token: TOKEN, ...options } as ClientOptions),
    ).toThrow(InvalidArgumentError)
  })

  test('a token provider that returns nothing is refused before sending', async () => {
    const { fe, mock } = setup({ token: () => '' })
    await expect(fe.webhooks.list()).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(mock.requestCount).toBe(0)
  })
})
