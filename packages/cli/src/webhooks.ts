// webhooks list | get | create | ensure | enable | disable | delete
import type { Webhook } from '@flexengage/webhooks'
import type { Context } from './context.js'
import { printJson, table } from './output.js'
import { eventsOption, uuidArgument } from './usage.js'

export function printWebhooks(context: Context, webhooks: Webhook[]): void {
  if (context.json) {
    printJson(webhooks)
    return
  }
  console.log(
    table(
      ['id', 'enabled', 'endpoint', 'events', 'updated'],
      webhooks.map((w) => [w.id, w.enabled ? 'yes' : 'no', w.endpoint, w.events.join(','), w.updated]),
    ),
  )
}

export const webhookCommands = {
  list: {
    options: {},
    async run(context: Context) {
      printWebhooks(context, await context.client().webhooks.list())
    },
  },
  get: {
    options: {},
    async run(context: Context, [id]: string[]) {
      printWebhooks(context, [await context.client().webhooks.get(uuidArgument('id', id))])
    },
  },
  create: {
    options: { endpoint: { type: 'string' }, events: { type: 'string' }, disabled: { type: 'boolean' } },
    async run(context: Context, _: string[], values: Record<string, unknown>) {
      const events = eventsOption(values.events as string | undefined)
      const endpoint = values.endpoint as string | undefined
      const webhook = await context
        .client()
        .webhooks.create({ endpoint: endpoint ?? '', events, enabled: !values.disabled })
      printWebhooks(context, [webhook])
    },
  },
  ensure: {
    options: { endpoint: { type: 'string' }, events: { type: 'string' } },
    async run(context: Context, _: string[], values: Record<string, unknown>) {
      const events = eventsOption(values.events as string | undefined)
      const result = await context
        .client()
        .webhooks.ensure({ endpoint: (values.endpoint as string | undefined) ?? '', events })
      if (context.json) return printJson(result)
      console.log(`${result.action}: ${result.webhook.id}`)
    },
  },
  enable: {
    options: {},
    async run(context: Context, [id]: string[]) {
      printWebhooks(context, [await context.client().webhooks.enable(uuidArgument('id', id))])
    },
  },
  disable: {
    options: {},
    async run(context: Context, [id]: string[]) {
      printWebhooks(context, [await context.client().webhooks.disable(uuidArgument('id', id))])
    },
  },
  delete: {
    options: {},
    async run(context: Context, [id]: string[]) {
      const webhookId = uuidArgument('id', id)
      await context.client().webhooks.delete(webhookId)
      if (context.json) return printJson({ deleted: webhookId })
      console.log(`deleted ${webhookId}`)
    },
  },
} as const
