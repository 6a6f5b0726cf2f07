// Hostile input to the sandbox's API and its trigger endpoint: the right 4xx in the API's error
// shape, never a 5xx, and nothing refused is stored or scheduled.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Sandbox, SandboxInputError, startSandbox } from '../src/index.js'
import { BRAND, clientFor, eventually, startReceiver } from './helpers.js'

let sandbox: Sandbox
let receiver: Awaited<ReturnType<typeof startReceiver>>
beforeAll(async () => {
  sandbox = await startSandbox()
  receiver = await startReceiver()
  await clientFor(sandbox).webhooks.create({ endpoint: receiver.endpoint, events: ['NOTIFICATION'] })
})
afterAll(async () => {
  await sandbox?.close()
  await receiver?.close()
})

const token = { authorization: 'Bearer sandbox-token' }
const json = { ...token, 'content-type': 'application/json' }
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
const trigger = (body: string, headers: Record<string, string> = json, brand = BRAND) => ({
  path: `/_sandbox/v1/${brand}/events`,
  init: { method: 'POST', headers, body },
})

const cases: Array<[string, number, { path: string; init: RequestInit }]> = [
  [
    'trigger: a body over the limit',
    413,
    trigger(`{"type":"NOTIFICATION.X","data":{"x":"${'x'.repeat(1024 * 1024)}"}}`),
  ],
  [
    'trigger: malformed percent-encoding in the brand',
    400,
    trigger('{"type":"NOTIFICATION.X"}', json, '%E0%A4%A'),
  ],
  ['trigger: data nested 5,000 levels', 422, trigger(`{"type":"NOTIFICATION.X","data":${nested(5000)}}`)],
  [
    'trigger: a text/plain body',
    415,
    trigger('{"type":"NOTIFICATION.X"}', { ...token, 'content-type': 'text/plain' }),
  ],
  ['trigger: a body that is not JSON', 400, trigger('{"type":')],
  ['trigger: the JSON body null', 422, trigger('null')],
  [
    'trigger: with PUT',
    405,
    { path: `/_sandbox/v1/${BRAND}/events`, init: { method: 'PUT', headers: json, body: '{}' } },
  ],
  [
    'events feed: a limit that is not a number',
    400,
    { path: `/_sandbox/v1/${BRAND}/events?limit=ten`, init: { headers: token } },
  ],
  [
    'API: a create body over the limit',
    413,
    {
      path: `/v1/${BRAND}/webhooks`,
      init: { method: 'POST', headers: json, body: `"${'x'.repeat(1024 * 1024)}"` },
    },
  ],
  ['API: malformed percent-encoding', 400, { path: '/v1/%/webhooks', init: { headers: token } }],
  [
    'inspector: malformed percent-encoding in an event path',
    400,
    { path: `/_sandbox/v1/${BRAND}/webhooks/%E0%A4%A/events/x/signatures`, init: { headers: token } },
  ],
  [
    'inspector: signatures of an event that does not exist',
    404,
    { path: `/_sandbox/v1/${BRAND}/webhooks/w/events/x/signatures`, init: { headers: token } },
  ],
  // Only the page's three files are served; any other name is not looked up on disk at all.
  ['inspector: an asset that does not exist', 404, { path: '/_sandbox/ui/cli.js', init: {} }],
  ['inspector: an asset name with a NUL', 404, { path: '/_sandbox/ui/app.js%00', init: {} }],
  ['inspector: an asset named __proto__', 404, { path: '/_sandbox/ui/__proto__', init: {} }],
  [
    'API: a form body',
    415,
    {
      path: `/v1/${BRAND}/webhooks`,
      init: { method: 'POST', headers: token, body: new URLSearchParams({ a: 'b' }) },
    },
  ],
]

test.each(cases)('%s -> %i', async (_, status, { path, init }) => {
  const response = await fetch(`${sandbox.url}${path}`, init)
  expect(response.status).toBe(status)
  expect(await response.json()).toMatchObject({
    message: expect.any(String),
    description: expect.any(String),
    status,
  })
})

test('nothing refused was stored or scheduled; a normal trigger still delivers', async () => {
  const [hook] = sandbox.mock.store.webhooks(BRAND)
  expect(sandbox.mock.store.events(BRAND, hook?.id as string)).toEqual([])
  expect(sandbox.pendingDeliveries).toBe(0)
  await expect(sandbox.trigger(BRAND, 'NOTIFICATION.X', JSON.parse(nested(5000)))).rejects.toBeInstanceOf(
    SandboxInputError,
  )
  const [event] = await sandbox.trigger(BRAND, 'NOTIFICATION.X', { ok: true })
  await eventually(() => receiver.handled.length > 0)
  expect(receiver.handled.map((e) => e.id)).toEqual([event?.id])
})

test('a PATCH with any field but enabled, or a create asking for an undeclared status, changes nothing', async () => {
  const fe = clientFor(sandbox)
  const [hook] = await fe.webhooks.list()
  const patch = await fetch(`${sandbox.url}/v1/${BRAND}/webhooks/${hook?.id}`, {
    method: 'PATCH',
    headers: json,
    body: JSON.stringify({ enabled: false, endpoint: 'javascript:alert(1)', id: 'another' }),
  })
  expect(patch.status).toBe(422)
  expect((await patch.json()).validations).toMatchObject({
    endpoint: expect.any(String),
    id: expect.any(String),
  })
  expect(await fe.webhooks.get(hook?.id as string)).toEqual(hook)

  const create = await fetch(`${sandbox.url}/v1/${BRAND}/webhooks`, {
    method: 'POST',
    headers: { ...json, prefer: 'code=204' },
    body: JSON.stringify({ endpoint: 'https://example.com/prefer', events: ['NOTIFICATION'] }),
  })
  expect(create.status).toBe(422)
  expect((await fe.webhooks.list()).map((webhook) => webhook.id)).toEqual([hook?.id])
})
