// apply FILE: reconcile the webhooks declared in a JSON/YAML file with the brand's webhooks.
import { readFileSync } from 'node:fs'
import { isValidEventType, sameEventTypes, type Webhook } from '@flexengage/webhooks'
import { parse } from 'yaml'
import type { Context } from './context.js'
import { printJson, table } from './output.js'
import { UsageError } from './usage.js'

interface Declared {
  endpoint: string
  events: string[]
  enabled: boolean
}

type Action = 'created' | 'enabled' | 'disabled' | 'unchanged' | 'extra' | 'deleted'

export function readDeclaration(file: string): Declared[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(`cannot read ${file}`)
  }
  let document: unknown
  try {
    document = parse(text)
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`)
  }
  const list = (document as { webhooks?: unknown })?.webhooks
  if (!Array.isArray(list))
    throw new UsageError(`${file} must have a "webhooks" list of { endpoint, events, enabled }`)
  return list.map((entry, i) => {
    const where = `${file}: webhooks[${i}]`
    if (typeof entry?.endpoint !== 'string' || !/^https?:\/\//.test(entry.endpoint)) {
      throw new UsageError(`${where}.endpoint must be an https URL`)
    }
    if (!Array.isArray(entry.events) || entry.events.length === 0 || !entry.events.every(isValidEventType)) {
      throw new UsageError(`${where}.events must be a non-empty list of event types such as NOTIFICATION.SMS`)
    }
    if (entry.enabled !== undefined && typeof entry.enabled !== 'boolean')
      throw new UsageError(`${where}.enabled must be true or false`)
    return { endpoint: entry.endpoint, events: entry.events, enabled: entry.enabled ?? true }
  })
}

export const applyCommand = {
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
      if (match.enabled === wanted.enabled) {
        plan.push({ action: 'unchanged', endpoint: match.endpoint, events: match.events, id: match.id })
      } else {
        if (!dryRun) await client.webhooks.update(match.id, { enabled: wanted.enabled })
        plan.push({
          action: wanted.enabled ? 'enabled' : 'disabled',
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
