// The inspector in a real headless Chromium against a real sandbox and a real receiver: the token is
// required; an event triggered from the page to a receiver that fails shows its failed attempt live
// (no reload), with request and response and a verified signature mark; resend, with the receiver
// fixed, shows the successful attempt live. Set UPDATE_SCREENSHOT=1 to rewrite docs/inspector.png.
import { launchChromium } from '@flexengage/tools/chromium'
import { SIGNATURE_HEADER } from '@flexengage/webhooks/receiver'
import { DELIVERY_STATUS, deliveryExamples, listedEventTypes } from '@flexengage/webhooks-types'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index.js'
import { BRAND, clientFor, startReceiver } from './helpers.js'

// A safety net for a broken build only: every wait below is on something appearing in the page.
const SAFETY_NET_MS = 120_000

let browser: Browser
let sandbox: Sandbox
let receiver: Awaited<ReturnType<typeof startReceiver>>
let failing = true

beforeAll(async () => {
  // No automatic retry fits the window: the only second attempt is the one the page asks for.
  sandbox = await startSandbox({ delivery: { firstRetryDelayMs: 60_000, retryWindowMs: 1 } })
  receiver = await startReceiver({ fail: () => failing })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await receiver?.close()
  await sandbox?.close()
})

/** Opens the page and marks its document, so `reloaded()` tells whether it was ever loaded again. */
async function openPage(url: string): Promise<{ page: Page; reloaded: () => Promise<boolean> }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  page.setDefaultTimeout(SAFETY_NET_MS)
  await page.goto(url)
  await page.evaluate(() => Object.assign(window, { firstLoad: true }))
  return { page, reloaded: async () => !(await page.evaluate(() => 'firstLoad' in window)) }
}

test('the sandbox refuses its state-changing and data endpoints without the token', async () => {
  const [eventType] = listedEventTypes
  const refused = await Promise.all([
    fetch(`${sandbox.url}/_sandbox/v1/${BRAND}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: eventType, data: {} }),
    }),
    fetch(`${sandbox.url}/_sandbox/v1/stream`),
    fetch(`${sandbox.url}/_sandbox/v1/event-examples`, { headers: { authorization: 'Bearer wrong' } }),
    fetch(`${sandbox.url}/v1/${BRAND}/webhooks`, { method: 'POST', body: '{}' }),
  ])
  expect(refused.map((response) => response.status)).toEqual([401, 401, 401, 401])
  // The sandbox's own routes say why in JSON (the API's 401 has the body the spec gives it).
  for (const response of refused.slice(0, 3)) expect((await response.json()).status).toBe(401)
})

test('without the token the page asks for it, and refuses a wrong one', async () => {
  const { page } = await openPage(`${sandbox.url}/_sandbox/ui/`)
  await page.getByTestId('sign-in').waitFor()
  expect(await page.locator('#app').isHidden()).toBe(true)
  await page.getByTestId('token').fill('not-the-token')
  await page.getByTestId('token').press('Enter')
  await page.getByText('The sandbox refused this token.').waitFor()
  await page.close()
})

test('trigger to a failing receiver, watch the failure live, resend, watch the success live', async () => {
  const fe = clientFor(sandbox)
  const [eventType] = listedEventTypes
  const example = deliveryExamples[eventType].data
  const webhook = await fe.webhooks.create({ endpoint: receiver.endpoint, events: [eventType] })

  const { page, reloaded } = await openPage(sandbox.inspectorUrl(BRAND))
  // The start-up link signs in; its token is taken out of the address bar at once.
  await page.locator(`tr[data-webhook="${webhook.id}"]`).waitFor()
  expect(page.url()).not.toContain('token')
  await page.getByTestId('live').filter({ hasText: 'live' }).waitFor()

  // The trigger form is prefilled from the spec's example for the type.
  expect(JSON.parse(await page.getByTestId('trigger-data').inputValue())).toEqual(example)
  expect(await page.getByTestId('trigger-type').inputValue()).toBe(eventType)
  await page.getByRole('button', { name: 'Trigger' }).click()
  await page.getByTestId('notice').filter({ hasText: '1 event(s) created' }).waitFor()

  // The event appears and fails, without a reload.
  const row = page.locator('#events tr').first()
  await row.getByTestId('event-status').filter({ hasText: DELIVERY_STATUS.failed }).waitFor()
  await row.click()
  const failed = page.locator('[data-testid="attempt"][data-status="FAILURE"]')
  await failed.waitFor()
  expect(await failed.textContent()).toContain('HTTP 500')
  expect(await failed.getByTestId('signature').textContent()).toBe('✓ signature verifies')
  expect(await failed.textContent()).toContain(SIGNATURE_HEADER)
  const envelope = JSON.parse((await page.getByTestId('envelope').textContent()) as string)
  expect([envelope.type, envelope.data, envelope.webhookId]).toEqual([eventType, example, webhook.id])
  expect(receiver.handled).toHaveLength(0)

  // Fixed receiver, resend from the page: the second attempt succeeds, live.
  failing = false
  await page.getByTestId('resend').click()
  const succeeded = page.locator('[data-testid="attempt"][data-status="SUCCESS"]')
  await succeeded.waitFor()
  expect(await succeeded.textContent()).toContain('HTTP 200')
  expect(await succeeded.getByTestId('signature').textContent()).toBe('✓ signature verifies')
  await page.getByTestId('detail-status').filter({ hasText: DELIVERY_STATUS.delivered }).waitFor()
  expect(await page.getByTestId('attempt').count()).toBe(2)
  expect(receiver.handled.map((event) => event.id)).toEqual([envelope.id])
  expect(await reloaded()).toBe(false)

  // The toggle disables the webhook through the API.
  await page.getByTestId('webhook-enabled').uncheck()
  await expect
    .poll(async () => (await fe.webhooks.get(webhook.id)).enabled, { timeout: SAFETY_NET_MS })
    .toBe(false)
  await page.getByTestId('webhook-enabled').check()
  await expect
    .poll(async () => (await fe.webhooks.get(webhook.id)).enabled, { timeout: SAFETY_NET_MS })
    .toBe(true)

  if (process.env.UPDATE_SCREENSHOT) {
    await page.screenshot({ path: new URL('../../../docs/inspector.png', import.meta.url).pathname })
  }
  await page.close()
})

test('resend failed re-sends every failed event of a webhook; delete removes it', async () => {
  const fe = clientFor(sandbox)
  const [eventType] = listedEventTypes
  failing = true
  const webhook = await fe.webhooks.create({ endpoint: `${receiver.endpoint}/bulk`, events: [eventType] })
  const { page } = await openPage(sandbox.inspectorUrl(BRAND))
  await page.locator(`tr[data-webhook="${webhook.id}"]`).waitFor()
  await page.getByTestId('filter-webhook').selectOption(webhook.id)

  // Bad input is refused with a reason, and nothing is created.
  const example = await page.getByTestId('trigger-data').inputValue()
  await page.getByTestId('trigger-data').fill('{ not json')
  await page.getByRole('button', { name: 'Trigger' }).click()
  await page.getByTestId('notice').filter({ hasText: 'data is not JSON' }).waitFor()
  await page.getByTestId('trigger-data').fill(example)
  await page.getByTestId('trigger-type').fill('not.a.type')
  await page.getByRole('button', { name: 'Trigger' }).click()
  await page.getByTestId('notice').filter({ hasText: 'the sandbox refused it (422)' }).waitFor()
  expect(sandbox.mock.store.events(BRAND, webhook.id)).toEqual([])
  await page.getByTestId('trigger-type').fill(eventType)

  for (let n = 0; n < 2; n++) await page.getByRole('button', { name: 'Trigger' }).click()
  // The status filter offers the statuses the events have: FAILURE once one has failed.
  await page.getByTestId('filter-status').selectOption(DELIVERY_STATUS.failed)
  // Both events reach the other webhook too (same type); this one's list shows its own two failures.
  await expect.poll(() => page.locator('#events tr').count(), { timeout: SAFETY_NET_MS }).toBe(2)
  failing = false
  await page.locator(`tr[data-webhook="${webhook.id}"]`).getByTestId('resend-failed').click()
  await page
    .getByTestId('notice')
    .filter({ hasText: `re-sent 2 failed event(s) of ${webhook.endpoint}` })
    .waitFor()
  await page.getByTestId('filter-status').selectOption(DELIVERY_STATUS.delivered)
  await expect.poll(() => page.locator('#events tr').count(), { timeout: SAFETY_NET_MS }).toBe(2)

  // Delete removes the webhook through the API, and its row goes.
  await page.locator(`tr[data-webhook="${webhook.id}"]`).getByTestId('delete-webhook').click()
  await page.locator(`tr[data-webhook="${webhook.id}"]`).waitFor({ state: 'detached' })
  expect((await fe.webhooks.list()).map((listed) => listed.id)).not.toContain(webhook.id)
  await page.close()
})

test('with 100,000 events the page reads the newest page first, and older pages only on demand', async () => {
  const [eventType] = listedEventTypes
  const crowded = await startSandbox()
  try {
    const webhook = crowded.mock.seedWebhook(BRAND, {
      endpoint: 'https://example.com/crowded',
      events: [eventType],
    })
    const seeded = Array.from({ length: 100_000 }, () =>
      crowded.mock.seedEvent(BRAND, webhook.id, { type: eventType, status: DELIVERY_STATUS.delivered }),
    )
    const page = await browser.newPage()
    page.setDefaultTimeout(SAFETY_NET_MS)
    const requested: string[] = []
    page.on('request', (request) => requested.push(new URL(request.url()).pathname))
    await page.goto(crowded.inspectorUrl(BRAND))
    await page.locator(`tr[data-event="${seeded.at(-1)?.id}"]`).waitFor()
    const feedPages = () => requested.filter((path) => path === `/_sandbox/v1/${BRAND}/events`).length
    // One page of the feed, newest first; the API's per-webhook event pages are never walked.
    expect(feedPages()).toBe(1)
    expect(requested.filter((path) => path.includes(`/webhooks/${webhook.id}/events`))).toEqual([])
    const shown = await page.locator('#events tr').count()
    expect(shown).toBeLessThan(seeded.length)

    await page.getByTestId('load-older').click()
    await expect.poll(() => page.locator('#events tr').count(), { timeout: SAFETY_NET_MS }).toBe(2 * shown)
    // The oldest row shown now is the one just older than the first page's last.
    const ids = await page
      .locator('#events tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event')))
    expect(ids).toEqual(
      seeded
        .slice(-2 * shown)
        .reverse()
        .map((event) => event.id),
    )
    await page.close()
  } finally {
    await crowded.close()
  }
})

test('the inspector runs the receiver check against a webhook’s endpoint and shows the table', async () => {
  const fe = clientFor(sandbox)
  const [eventType] = listedEventTypes
  failing = false
  const webhook = await fe.webhooks.create({ endpoint: `${receiver.endpoint}/checked`, events: [eventType] })
  const { page } = await openPage(sandbox.inspectorUrl(BRAND))
  await page.locator(`tr[data-webhook="${webhook.id}"]`).getByTestId('check-receiver').click()
  await page.getByTestId('check-summary').filter({ hasText: 'passed' }).waitFor()
  const verdicts = await page
    .locator('[data-testid="check-table"] tr[data-verdict]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')))
  expect(verdicts.length).toBeGreaterThan(listedEventTypes.length)
  expect(new Set(verdicts)).toEqual(new Set(['PASS']))
  await page.close()
})
