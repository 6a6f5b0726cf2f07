// apply FILE: reconcile the webhooks declared in a JSON/YAML file with the brand's webhooks. Each
// entry is the spec's create request: checked against it, every field sent, unknown fields refused.
import { readFileSync } from 'node:fs'
import { checkRequest, InvalidArgumentError, sameEventTypes, type Webhook } from '@flexengage/webhooks'
import { operationTable, specSchemas, type WebhookRequest } from '@flexengage/webhooks-types'
import { isMap, LineCounter, type Node, parseDocument } from 'yaml'
import type { Context } from './context.js'
import { printJson, table } from './output.js'
import { UsageError } from './usage.js'

const CREATE = 'createWebhook'
const { $ref } = operationTable[CREATE].requestBody.schema
/** The fields the spec's create request declares: any other in a declaration file is a typo. */
const known = Object.keys(specSchemas[$ref].properties)

type Action = 'created' | 'enabled' | 'disabled' | 'unchanged' | 'extra' | 'deleted'

/** `events[0]` -> ['events', 0] */
const pathOf = (at: string) =>
  at
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))

export function readDeclaration(file: string): WebhookRequest[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(`cannot read ${file}`)
  }
  const lines = new LineCounter()
  const document = parseDocument(text, { lineCounter: lines })
  if (document.errors.length > 0) {
    throw new UsageError(`${file} is not valid JSON or YAML: ${document.errors[0]?.message.split('\n')[0]}`)
  }
  const lineOf = (node: Node | null | undefined) =>
    node?.range ? `${file}:${lines.linePos(node.range[0]).line}` : file
  const list = (document.toJS() as { webhooks?: unknown } | null)?.webhooks
  if (!Array.isArray(list)) {
    throw new UsageError(`${file} must have a "webhooks" list of create requests ({ endpoint, events, ... })`)
  }
  return list.map((entry, i) => {
    const entryNode = document.getIn(['webhooks', i], true) as Node | undefined
    const where = `webhooks[${i}]`
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new UsageError(`${lineOf(entryNode)}: ${where} must be a mapping such as { endpoint, events }`)
    }
    for (const field of Object.keys(entry)) {
      if (known.includes(field)) continue
      const pair = isMap(entryNode)
        ? entryNode.items.find((item) => String((item.key as { value?: unknown })?.value) === field)
        : undefined
      throw new UsageError(
        `${lineOf(pair?.key as Node | undefined)}: ${where}.${field} is not a field of the spec's create request (${known.join(', ')})`,
      )
    }
    try {
      checkRequest(CREATE, { body: entry })
    } catch (error) {
      if (!(error instanceof InvalidArgumentError)) throw error
      const node = document.getIn(['webhooks', i, ...pathOf(error.argument)], true) as Node | undefined
      throw new UsageError(`${lineOf(node ?? entryNode)}: ${where}.${error.message}`)
    }
    return entry as WebhookRequest
  })
}

export const applyCommand = {
  operations: ['listWebhooks', 'createWebhook', 'updateWebhook', 'deleteWebhook'],
  options: { prune: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  async run(context: Context, [file]: string[], values: Record<string, unknown>) {
    if (!file) throw new UsageError('missing FILE, e.g. flexengage-webhooks apply webhooks.yaml')
    const declared = readDeclaration(file)
    const client = context.client()
    const dryRun = Boolean(values['dry-run'])
    const existing = await client.webhooks.list()
    const claimed = new Set<string>()
    const plan: Array<{ action: Action; endpoint: string; events: string[]; id?: string }> = []
    for (const wanted of declared) {
      const match = existing.find(
        (w) =>
          !claimed.has(w.id) && w.endpoint === wanted.endpoint && sameEventTypes(w.events, wanted.events),
      )
      if (!match) {
        // The whole entry is sent: a field the spec adds reaches the API without a CLI change.
        const created: Webhook | undefined = dryRun ? undefined : await client.webhooks.create(wanted)
        plan.push({
          action: 'created',
          endpoint: wanted.endpoint,
          events: wanted.events,
          ...(created ? { id: created.id } : {}),
        })
        continue
      }
      claimed.add(match.id)
      const enabled = wanted.enabled ?? true
      if (match.enabled === enabled) {
        plan.push({ action: 'unchanged', endpoint: match.endpoint, events: match.events, id: match.id })
      } else {
        if (!dryRun) await client.webhooks.update(match.id, { enabled })
        plan.push({
          action: enabled ? 'enabled' : 'disabled',
          endpoint: match.endpoint,
          events: match.events,
          id: match.id,
        })
      }
    }
    for (const extra of existing.filter((w) => !claimed.has(w.id))) {
      if (values.prune && !dryRun) await client.webhooks.delete(extra.id)
      plan.push({
        action: values.prune ? 'deleted' : 'extra',
        endpoint: extra.endpoint,
        events: extra.events,
        id: extra.id,
      })
    }
    const changes = plan.filter((p) => p.action !== 'unchanged' && p.action !== 'extra').length
    if (context.json) return printJson({ dryRun, changes, actions: plan })
    console.log(
      table(
        ['action', 'id', 'endpoint', 'events'],
        plan.map((p) => [p.action, p.id ?? '(new)', p.endpoint, p.events.join(',')]),
      ),
    )
    console.log(
      `\n${dryRun ? 'dry run: ' : ''}${changes} change(s)${plan.some((p) => p.action === 'extra') ? '; extras kept (use --prune to delete them)' : ''}`,
    )
  },
}
