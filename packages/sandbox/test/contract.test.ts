// Contract: over a full lifecycle, every API response of the sandbox passes
// `prism proxy spec/openapi.yaml <sandbox> --errors` with zero violations; every delivery it sends
// fits the spec's delivery callback.
import { deliveryChecker } from '@flexengage/tools/delivery-check'
import { bundledSpecPath } from '@flexengage/tools/paths'
import { startPrism } from '@flexengage/tools/prism'
import { loadSpec } from '@flexengage/tools/spec'
import { FlexEngageWebhooks, NotFoundError } from '@flexengage/webhooks'
import { DELIVERY_STATUS, deliveryExamples, listedEventTypes } from '@flexengage/webhooks-types'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index.js'
import { clientFor, eventually, listen, startReceiver, trigger } from './helpers.js'

let sandbox: Sandbox
let prism: Awaited<ReturnType<typeof startPrism>>
const violations: string[] = []
const statuses: number[] = []

beforeAll(async () => {
  // A frozen clock: the scheduled redelivery below always fits the retry window, however slow the machine.
  const frozen = Date.now()
  sandbox = await startSandbox({
    clock: () => frozen,
    delivery: { firstRetryDelayMs: 50, retryWindowMs: 1_000 },
  })
  prism = await startPrism({ mode: 'proxy', upstream: sandbox.url, args: ['--errors'] })
})
afterAll(async () => {
  await prism?.stop()
  await sandbox?.close()
})

test('a full lifecycle through prism proxy --errors has zero violations', async () => {
  let deliveries = 0
  // The first delivery fails, so the lifecycle includes a scheduled redelivery.
  const receiver = await startReceiver({ fail: () => deliveries++ === 0 })
  const fe = new FlexEngageWebhooks({
    brandId: 'ACME',
    token: 'sandbox-token',
    baseUrl: prism.url,
    maxRetries: 0,
    fetch: async (input, init) => {
      const response = await fetch(input, init)
      statuses.push(response.status)
      const violation = response.headers.get('sl-violations')
      if (violation) violations.push(`${init?.method} ${input}: ${violation}`)
      return response
    },
  })
  expect(await fe.webhooks.list()).toEqual([])
  const hook = await fe.webhooks.create({ endpoint: receiver.endpoint, events: ['NOTIFICATION.SMS'] })
  await expect(
    fe.webhooks.create({ endpoint: receiver.endpoint, events: ['NOTIFICATION.SMS'] }),
  ).rejects.toMatchObject({ status: 409 })
  await fe.webhooks.disable(hook.id)
  await fe.webhooks.enable(hook.id)
  // Deliveries are triggered on the sandbox itself (a sandbox-only endpoint, not part of the spec).
  const ids: string[] = []
  for (let i = 0; i < 3; i++) {
    const { body } = await trigger(sandbox, 'NOTIFICATION.SMS.RECEIPT', {
      phoneNumber: '+15555550123',
      message: `m${i}`,
      locale: 'en-US',
    })
    ids.push(...(body.events ?? []).map((e) => e.id))
  }
  await eventually(async () => {
    const details = await Promise.all(ids.map((id) => fe.webhooks.events.get(hook.id, id)))
    return details.every((d) => d.status === DELIVERY_STATUS.delivered)
  })
  const listed = []
  for await (const event of fe.webhooks.events.list(hook.id, { pageSize: 2 })) listed.push(event.id)
  expect(listed).toEqual(ids)
  const first = ids[0] as string
  const attemptsBefore = (await fe.webhooks.events.get(hook.id, first)).attempts.length
  await fe.webhooks.events.retry(hook.id, first)
  await eventually(async () => {
    const event = await fe.webhooks.events.get(hook.id, first)
    return event.attempts.length === attemptsBefore + 1 && event.status === DELIVERY_STATUS.delivered
  })
  await fe.webhooks.delete(hook.id)
  await expect(fe.webhooks.get(hook.id)).rejects.toBeInstanceOf(NotFoundError)
  await receiver.close()

  expect(statuses).toContain(202)
  expect(violations).toEqual([])
})

test('every delivery the sandbox sends fits the spec’s delivery callback; data that does not is refused unless allowed', async () => {
  const check = deliveryChecker(loadSpec(bundledSpecPath))
  const captured: Array<{ headers: Record<string, string>; body: string }> = []
  const capture = await listen(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    captured.push({ headers: request.headers as Record<string, string>, body })
    response.end()
  })
  const fe = clientFor(sandbox)
  const groups = [...new Set(listedEventTypes.map((type) => type.split('.')[0] as string)), 'UNLISTED_GROUP']
  await fe.webhooks.create({ endpoint: `${capture.url}/all`, events: groups })
  for (const type of listedEventTypes) {
    expect((await trigger(sandbox, type, deliveryExamples[type].data)).status).toBe(202)
  }
  expect((await trigger(sandbox, 'UNLISTED_GROUP.SOME.EVENT', { any: 'shape' })).status).toBe(202)

  // A listed type with data its schema refuses: 422 naming the field, nothing created or sent.
  const [listed] = listedEventTypes
  const refused = await trigger(sandbox, listed, { unexpected: true })
  expect(refused.status).toBe(422)
  expect(Object.keys(refused.body.validations ?? {}).every((field) => field.startsWith('data.'))).toBe(true)
  expect(Object.keys(refused.body.validations ?? {})).not.toHaveLength(0)
  await eventually(() => captured.length === listedEventTypes.length + 1)
  expect(captured.map(check)).toEqual(captured.map(() => []))

  // Allowed on purpose: it is delivered, and the same check flags it (the check can fail).
  const allowed = await trigger(sandbox, listed, { unexpected: true }, 'sandbox-token', {
    allowInvalidData: true,
  })
  expect(allowed.status).toBe(202)
  await eventually(() => captured.length === listedEventTypes.length + 2)
  expect(check(captured.at(-1) as (typeof captured)[number])).not.toEqual([])
  await capture.close()
})
