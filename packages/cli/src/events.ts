// events list | get | tail | retry-failed
import { isFailedEvent, type WebhookEvent } from '@flexengage/webhooks'
import type { Context } from './context.js'
import { excerpt, printJson, table } from './output.js'
import { createProgress } from './progress.js'
import { dateOption, EXIT, positiveIntegerOption, requiredArgument, UsageError } from './usage.js'

const eventRow = (e: WebhookEvent) => [e.id, e.type, e.status, e.created, e.updated]
const EVENT_HEADERS = ['id', 'type', 'status', 'created', 'updated']

export const eventCommands = {
  list: {
    operations: ['listWebhookEvents'],
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
    },
    async run(context: Context, [webhookId]: string[], values: Record<string, unknown>) {
      const id = requiredArgument('webhookId', webhookId)
      const start = dateOption('since', values.since as string | undefined)
      const end = dateOption('until', values.until as string | undefined)
      const limit = positiveIntegerOption('limit', values.limit as string | undefined)
      const status = (values.status as string | undefined)?.toUpperCase()
      const events: WebhookEvent[] = []
      for await (const event of context.client().webhooks.events.list(id, { start, end })) {
        if (status && event.status !== status) continue
        events.push(event)
        if (limit !== undefined && events.length >= limit) break
      }
      if (context.json) return printJson(events)
      console.log(table(EVENT_HEADERS, events.map(eventRow)))
    },
  },
  get: {
    operations: ['getWebhookEvent'],
    options: {},
    async run(context: Context, [webhookId, eventId]: string[]) {
      const event = await context
        .client()
        .webhooks.events.get(requiredArgument('webhookId', webhookId), requiredArgument('eventId', eventId))
      if (context.json) return printJson(event)
      console.log(`${event.id}  ${event.type}  ${event.status}  created ${event.created}\n`)
      console.log(
        table(
          ['#', 'attempt', 'created', 'status', 'http', 'time', 'response body'],
          event.attempts.map((a, i) => [
            String(i + 1),
            a.id,
            a.created,
            a.status,
            a.response ? String(a.response.statusCode) : '-',
            a.response ? `${a.response.time} ms` : '-',
            excerpt(a.response?.body),
          ]),
        ),
      )
    },
  },
  tail: {
    operations: ['listWebhookEvents'],
    options: { since: { type: 'string' }, interval: { type: 'string' }, 'max-events': { type: 'string' } },
    async run(context: Context, [webhookId]: string[], values: Record<string, unknown>) {
      const id = requiredArgument('webhookId', webhookId)
      const since = dateOption('since', values.since as string | undefined)
      const intervalMs = positiveIntegerOption('interval', values.interval as string | undefined) ?? 2_000
      const maxEvents = positiveIntegerOption('max-events', values['max-events'] as string | undefined)
      const events = context.client().webhooks.events
      let stopped = false
      process.once('SIGINT', () => {
        stopped = true
      })
      let cursor: string | undefined
      let printed = 0
      // Without --since, start after the events that exist now: only new ones are shown.
      if (!since) {
        const existing = events.list(id)
        for await (const _ of existing) {
          // walk to the end to learn the cursor
        }
        cursor = existing.cursor
      }
      // On stderr, so --json output stays one event per line; scripts can wait for this line.
      process.stderr.write(`following new events of ${id} (Ctrl-C to stop)\n`)
      while (!stopped) {
        const page = events.list(id, cursor ? { startAfter: cursor } : { start: since })
        for await (const event of page) {
          if (context.json) process.stdout.write(`${JSON.stringify(event)}\n`)
          else console.log(eventRow(event).join('  '))
          if (maxEvents !== undefined && ++printed >= maxEvents) return
        }
        cursor = page.cursor ?? cursor
        await new Promise((resolve) => setTimeout(resolve, intervalMs))
      }
    },
  },
  'retry-failed': {
    operations: ['listWebhookEvents', 'retryWebhookEvent'],
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      concurrency: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    async run(context: Context, [webhookId]: string[], values: Record<string, unknown>): Promise<number> {
      const id = requiredArgument('webhookId', webhookId)
      if (values.since === undefined)
        throw new UsageError('--since is required, e.g. --since 2h or --since 2024-05-01T00:00:00Z')
      const since = dateOption('since', values.since as string)
      const until = dateOption('until', values.until as string | undefined)
      if (since && until && since > until) throw new UsageError('--since must not be after --until')
      const concurrency = positiveIntegerOption('concurrency', values.concurrency as string | undefined) ?? 4
      const events = context.client().webhooks.events
      if (values['dry-run']) {
        const failed: WebhookEvent[] = []
        for await (const event of events.list(id, { start: since, end: until })) {
          if (isFailedEvent(event)) failed.push(event)
        }
        if (context.json) printJson({ dryRun: true, wouldRetry: failed.map((e) => e.id) })
        else
          console.log(
            `${table(EVENT_HEADERS, failed.map(eventRow))}\n\ndry run: ${failed.length} failed event(s) would be re-sent`,
          )
        return EXIT.ok
      }
      const progress = createProgress()
      const result = await events.retryFailed(id, {
        ...(since ? { since } : {}),
        ...(until ? { until } : {}),
        concurrency,
        onProgress: (counts) => progress.update(counts),
      })
      progress.done()
      if (context.json) {
        printJson({
          scanned: result.scanned,
          matched: result.matched,
          retried: result.retried,
          failed: result.failed,
          retriedEventIds: result.retriedEventIds,
          failures: result.failures.map((f) => ({ eventId: f.eventId, error: String(f.error) })),
        })
      } else {
        console.log(
          `re-sent ${result.retried} of ${result.matched} failed event(s) (${result.scanned} scanned); ${result.failed} could not be re-sent`,
        )
        for (const failure of result.failures) console.log(`  ${failure.eventId}: ${String(failure.error)}`)
      }
      return result.failed > 0 ? EXIT.failed : EXIT.ok
    },
  },
} as const
