// The README's main job: the whole lifecycle, locally. A sandbox and a receiver start, the client
// creates a webhook, events are triggered and really delivered (signed, verified), the receiver fails
// once and the sandbox redelivers, one event is re-sent through the API, and a summary is printed.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FlexEngageWebhooks, type WebhookEventDetail } from '@flexengage/webhooks'
import { createReceiver } from '@flexengage/webhooks/receiver'
import { startSandbox } from './sandbox.js'

const BRAND = 'ACME'

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

export interface DemoOptions {
  /** Runs after the summary, before the sandbox and the receiver stop (`demo --keep-open` waits here). */
  beforeClose?: () => Promise<unknown>
}

export async function runDemo(
  log: (line: string) => void = console.log,
  options: DemoOptions = {},
): Promise<DemoResult> {
  const sandbox = await startSandbox({
    delivery: { firstRetryDelayMs: 300, retryWindowMs: 120_000 },
  })
  const handlerRuns = new Map<string, number>()
  let orderFailures = 0
  const receiver = createReceiver({
    trustLocalSandbox: true,
    on: {
      'NOTIFICATION.SMS.RECEIPT': (event) => {
        handlerRuns.set(event.id, (handlerRuns.get(event.id) ?? 0) + 1)
        log(`  receiver: SMS receipt to ${event.data.phoneNumber}: "${event.data.message}"`)
      },
      ORDER_EVENTS: (event) => {
        handlerRuns.set(event.id, (handlerRuns.get(event.id) ?? 0) + 1)
        if (orderFailures++ === 0) {
          log(`  receiver: ${event.type} — failing this first delivery on purpose (answers 500)`)
          throw new Error('simulated outage')
        }
        log(`  receiver: ${event.type} handled on redelivery (attempt ${event.attemptId.slice(0, 8)})`)
      },
    },
  })
  const receiverServer = createServer(receiver.node)
  receiverServer.listen(0, '127.0.0.1')
  await once(receiverServer, 'listening')
  const endpoint = `http://127.0.0.1:${(receiverServer.address() as AddressInfo).port}/flexengage`

  try {
    log(`flexEngage sandbox on ${sandbox.url} (token "${sandbox.tokens[0]}", key ${sandbox.keyUrl})`)
    log(`inspector: ${sandbox.inspectorUrl(BRAND)}`)
    log(`receiver on ${endpoint} (verifies signatures; trusts the sandbox key on loopback only)\n`)
    const fe = new FlexEngageWebhooks({
      brandId: BRAND,
      token: sandbox.tokens[0] as string,
      baseUrl: sandbox.url,
    })

    log('1. Create the webhook (idempotent ensure)')
    const { webhook, action } = await fe.webhooks.ensure({
      endpoint,
      events: ['NOTIFICATION.SMS', 'ORDER_EVENTS.OMS'],
    })
    log(`   ${action} ${webhook.id} -> ${webhook.endpoint} for ${webhook.events.join(', ')}\n`)

    log('2. Trigger three events through the sandbox endpoint POST /_sandbox/v1/ACME/events')
    const triggered: string[] = []
    for (const [type, data] of [
      [
        'NOTIFICATION.SMS.RECEIPT',
        {
          phoneNumber: '+15555550123',
          message: 'Thanks for shopping! Receipt: https://r.example/1',
          locale: 'en-US',
        },
      ],
      [
        'NOTIFICATION.SMS.RECEIPT',
        {
          phoneNumber: '+15555550199',
          message: 'Your receipt is ready: https://r.example/2',
          locale: 'en-US',
        },
      ],
      ['ORDER_EVENTS.OMS.ORDER_CREATED', { orderId: 'A-1001', total: 42.5 }],
    ] as const) {
      const response = await fetch(`${sandbox.url}/_sandbox/v1/${BRAND}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.tokens[0]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type, data }),
      })
      const { events } = (await response.json()) as { events: Array<{ id: string }> }
      triggered.push(...events.map((e) => e.id))
    }
    log(`   ${triggered.length} events created\n`)

    log('3. Deliveries (the sandbox signs each POST; the failed one is retried on its schedule)')
    const details = async () => Promise.all(triggered.map((id) => fe.webhooks.events.get(webhook.id, id)))
    await waitFor('every event to be delivered', async () =>
      (await details()).every((e) => e.status === 'SUCCESS'),
    )
    log('')

    log('4. Re-send the first event through the API (POST .../retry): a new attempt, same event id')
    const first = triggered[0] as string
    await fe.webhooks.events.retry(webhook.id, first)
    await waitFor('the re-sent attempt', async () => {
      const event = await fe.webhooks.events.get(webhook.id, first)
      return event.attempts.length === 2 && event.status === 'SUCCESS'
    })
    log('   the receiver acknowledged it as a duplicate: its handler did not run again\n')

    log('5. Events and their attempts, read back through the API')
    const events: WebhookEventDetail[] = await details()
    const rows = events.map((event) => ({
      event: event.id.slice(0, 8),
      type: event.type,
      status: event.status,
      attempts: event.attempts.map((a) => String(a.response?.statusCode ?? 'none')).join(' -> '),
      handlerRuns: handlerRuns.get(event.id) ?? 0,
    }))
    log(table(rows))

    const problems = [
      rows.every((r) => r.status === 'SUCCESS') ? '' : 'not every event was delivered',
      rows[2]?.attempts === '500 -> 200' ? '' : 'the failing delivery was not redelivered',
      rows[0]?.attempts === '200 -> 200' && rows[0]?.handlerRuns === 1
        ? ''
        : 'the API retry was not deduplicated',
    ].filter(Boolean)
    log(
      problems.length === 0
        ? '\nAll deliveries verified, retried and deduplicated as expected.'
        : `\nProblems: ${problems.join('; ')}`,
    )
    await options.beforeClose?.()
    return { ok: problems.length === 0, rows, problems }
  } finally {
    receiverServer.closeAllConnections()
    receiverServer.close()
    await sandbox.close()
  }
}
