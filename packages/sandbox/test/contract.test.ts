// Contract: over a full lifecycle, every API response of the sandbox passes
// `prism proxy spec/openapi.yaml <sandbox> --errors` with zero violations.
import { startPrism } from '@flexengage/tools/prism'
import { FlexEngageWebhooks, NotFoundError } from '@flexengage/webhooks'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index.js'
import { eventually, startReceiver, trigger } from './helpers.js'

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
    return details.every((d) => d.status === 'SUCCESS')
  })
  const listed = []
  for await (const event of fe.webhooks.events.list(hook.id, { pageSize: 2 })) listed.push(event.id)
  expect(listed).toEqual(ids)
  const first = ids[0] as string
  const attemptsBefore = (await fe.webhooks.events.get(hook.id, first)).attempts.length
  await fe.webhooks.events.retry(hook.id, first)
  await eventually(async () => {
    const event = await fe.webhooks.events.get(hook.id, first)
    return event.attempts.length === attemptsBefore + 1 && event.status === 'SUCCESS'
  })
  await fe.webhooks.delete(hook.id)
  await expect(fe.webhooks.get(hook.id)).rejects.toBeInstanceOf(NotFoundError)
  await receiver.close()

  expect(statuses).toContain(202)
  expect(violations).toEqual([])
})
