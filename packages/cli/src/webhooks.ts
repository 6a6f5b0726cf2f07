// webhooks list | get | create | ensure | enable | disable | delete
import type { Webhook } from '@flexengage/webhooks'
import type { Context } from './context.js'
import { printJson, table } from './output.js'
import { eventsOption, requiredArgument } from './usage.js'

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
    operations: ['listWebhooks'],
    options: {},
    async run(context: Context) {
      printWebhooks(context, await context.client().webhooks.list())
    },
  },
  get: {
    operations: ['getWebhook'],
    options: {},
    async run(context: Context, [id]: string[]) {
      printWebhooks(context, [await context.client().webhooks.get(requiredArgument('id', id))])
    },
  },
  create: {
    operations: ['createWebhook'],
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
    operations: ['listWebhooks', 'createWebhook', 'updateWebhook'],
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
    operations: ['updateWebhook'],
    options: {},
    async run(context: Context, [id]: string[]) {
      printWebhooks(context, [await context.client().webhooks.enable(requiredArgument('id', id))])
    },
  },
  disable: {
    operations: ['updateWebhook'],
    options: {},
    async run(context: Context, [id]: string[]) {
      printWebhooks(context, [await context.client().webhooks.disable(requiredArgument('id', id))])
    },
  },
  delete: {
    operations: ['deleteWebhook'],
    options: {},
    async run(context: Context, [id]: string[]) {
      const webhookId = requiredArgument('id', id)
      await context.client().webhooks.delete(webhookId)
      if (context.json) return printJson({ deleted: webhookId })
      console.log(`deleted ${webhookId}`)
    },
  },
} as const
