// The README's main job: the whole lifecycle, locally. A sandbox and a receiver start, the client
// creates a webhook, an event of every type the spec lists and one of a type it does not list are
// triggered and really delivered (signed, verified), the receiver fails once and the sandbox
// redelivers, one event is re-sent through the API, and a summary is printed.
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FlexEngageWebhooks, type Webhook, type WebhookEventDetail } from '@flexengage/webhooks'
import { createReceiver } from '@flexengage/webhooks/receiver'
import { DELIVERY_STATUS, deliveryExamples, listedEventTypes } from '@flexengage/webhooks-types'
import { type Sandbox, startSandbox } from './sandbox.js'

const BRAND = 'ACME'
/** A type flexEngage sends that the spec does not list: the receiver takes it through `unlisted`. */
const UNLISTED_TYPE = 'ORDER_EVENTS.OMS.ORDER_CREATED'
const UNLISTED_GROUP = 'ORDER_EVENTS'

export interface DemoRow {
  event: string
  type: string
  status: string
  attempts: string
  handlerRuns: number
}

export interface DemoResult {
  ok: boolean
  rows: DemoRow[]
  problems: string[]
}

export interface DemoOptions {
  /** Runs after the summary, before the sandbox and the receiver stop (`demo --keep-open` waits here). */
  beforeClose?: () => Promise<unknown>
}

type Log = (line: string) => void

function table(rows: DemoRow[]): string {
  const headers = ['event', 'type', 'status', 'attempts (HTTP status each)', 'handler runs']
  const cells = rows.map((r) => [r.event, r.type, r.status, r.attempts, String(r.handlerRuns)])
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)))
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] as number)).join(' | ')} |`
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n')
}

// The deadline only stops a broken run; a busy machine merely makes the demo slower.
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A receiver on 127.0.0.1 that verifies every delivery and counts its handler runs per event. */
async function startDemoReceiver(log: Log) {
  const handlerRuns = new Map<string, number>()
  const ran = (id: string) => handlerRuns.set(id, (handlerRuns.get(id) ?? 0) + 1)
  let unlistedFailures = 0
  const receiver = createReceiver({
    trustLocalSandbox: true,
    on: {
      '*': (event) => {
        ran(event.id)
        log(`  receiver: ${event.type} (typed by the spec): ${JSON.stringify(event.data)}`)
      },
    },
    unlisted: {
      [UNLISTED_GROUP]: (event) => {
        ran(event.id)
        if (unlistedFailures++ === 0) {
          log(
            `  receiver: ${event.type} (not listed in the spec) — failing this first delivery on purpose (500)`,
          )
          throw new Error('simulated outage')
        }
        log(`  receiver: ${event.type} handled on redelivery (attempt ${event.attemptId.slice(0, 8)})`)
      },
    },
  })
  const server: Server = createServer(receiver.node)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/flexengage`
  const close = () => {
    server.closeAllConnections()
    server.close()
  }
  return { endpoint, handlerRuns, close }
}

/** One event of every listed type (the spec's example data) and one of an unlisted type, over HTTP. */
async function triggerEvents(sandbox: Sandbox): Promise<string[]> {
  const triggers: Array<[string, unknown]> = [
    ...listedEventTypes.map((type): [string, unknown] => [type, deliveryExamples[type].data]),
    [UNLISTED_TYPE, { orderId: 'A-1001', total: 42.5 }],
  ]
  const triggered: string[] = []
  for (const [type, data] of triggers) {
    const response = await fetch(`${sandbox.url}/_sandbox/v1/${BRAND}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.tokens[0]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type, data }),
    })
    const { events } = (await response.json()) as { events: Array<{ id: string }> }
    triggered.push(...events.map((e) => e.id))
  }
  return triggered
}

function problemsOf(rows: DemoRow[]): string[] {
  const [first] = rows
  const unlisted = rows.at(-1)
  return [
    rows.every((r) => r.status === DELIVERY_STATUS.delivered) ? '' : 'not every event was delivered',
    unlisted?.attempts === '500 -> 200' ? '' : 'the failing delivery was not redelivered',
    first?.attempts === '200 -> 200' && first.handlerRuns === 1 ? '' : 'the API retry was not deduplicated',
  ].filter(Boolean)
}

async function deliverAndResend(
  fe: FlexEngageWebhooks,
  webhook: Webhook,
  triggered: string[],
  log: Log,
): Promise<WebhookEventDetail[]> {
  log('3. Deliveries (the sandbox signs each POST; the failed one is retried on its schedule)')
  const details = () => Promise.all(triggered.map((id) => fe.webhooks.events.get(webhook.id, id)))
  await waitFor('every event to be delivered', async () =>
    (await details()).every((e) => e.status === DELIVERY_STATUS.delivered),
  )
  log('\n4. Re-send the first event through the API (POST .../retry): a new attempt, same event id')
  const first = triggered[0] as string
  await fe.webhooks.events.retry(webhook.id, first)
  await waitFor('the re-sent attempt', async () => {
    const event = await fe.webhooks.events.get(webhook.id, first)
    return event.attempts.length === 2 && event.status === DELIVERY_STATUS.delivered
  })
  log('   the receiver acknowledged it as a duplicate: its handler did not run again\n')
  return details()
}

export async function runDemo(log: Log = console.log, options: DemoOptions = {}): Promise<DemoResult> {
  const sandbox = await startSandbox({ delivery: { firstRetryDelayMs: 300, retryWindowMs: 120_000 } })
  const receiver = await startDemoReceiver(log)
  try {
    log(`flexEngage sandbox on ${sandbox.url} (token "${sandbox.tokens[0]}", key ${sandbox.keyUrl})`)
    log(`inspector: ${sandbox.inspectorUrl(BRAND)}`)
    log(`receiver on ${receiver.endpoint} (verifies signatures; trusts the sandbox key on loopback only)\n`)
    const fe = new FlexEngageWebhooks({
      brandId: BRAND,
      token: sandbox.tokens[0] as string,
      baseUrl: sandbox.url,
    })
    log('1. Create the webhook (idempotent ensure)')
    const groups = [...new Set(listedEventTypes.map((type) => type.split('.')[0] as string)), UNLISTED_GROUP]
    const { webhook, action } = await fe.webhooks.ensure({ endpoint: receiver.endpoint, events: groups })
    log(`   ${action} ${webhook.id} -> ${webhook.endpoint} for ${webhook.events.join(', ')}\n`)
    log(
      `2. Trigger an event of each listed type and one of ${UNLISTED_TYPE} (not listed) through the sandbox`,
    )
    const triggered = await triggerEvents(sandbox)
    log(`   ${triggered.length} events created\n`)
    const events = await deliverAndResend(fe, webhook, triggered, log)
    log('5. Events and their attempts, read back through the API')
    const rows = events.map((event) => ({
      event: event.id.slice(0, 8),
      type: event.type,
      status: event.status,
      attempts: event.attempts.map((a) => String(a.response?.statusCode ?? 'none')).join(' -> '),
      handlerRuns: receiver.handlerRuns.get(event.id) ?? 0,
    }))
    log(table(rows))
    const problems = problemsOf(rows)
    log(
      problems.length === 0
        ? '\nAll deliveries verified, retried and deduplicated as expected.'
        : `\nProblems: ${problems.join('; ')}`,
    )
    await options.beforeClose?.()
    return { ok: problems.length === 0, rows, problems }
  } finally {
    receiver.close()
    await sandbox.close()
  }
}
