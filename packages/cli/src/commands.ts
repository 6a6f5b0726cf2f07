// Every command of the CLI, with the spec operations it calls.
import type { ParseArgsConfig } from 'node:util'
import type { OperationId } from '@flexengage/webhooks-types'
import { applyCommand } from './apply.js'
import type { Context } from './context.js'
import { eventCommands } from './events.js'
import { webhookCommands } from './webhooks.js'

interface Command {
  /** The spec's operations the command calls (checked by tools/gates/check-coverage.mjs). */
  operations: readonly OperationId[]
  options: NonNullable<ParseArgsConfig['options']>
  run(context: Context, positionals: string[], values: Record<string, unknown>): Promise<unknown>
}

export const COMMANDS: Record<string, Command> = {
  ...Object.fromEntries(
    Object.entries(webhookCommands).map(([name, c]) => [`webhooks ${name}`, c as Command]),
  ),
  ...Object.fromEntries(Object.entries(eventCommands).map(([name, c]) => [`events ${name}`, c as Command])),
  apply: applyCommand as Command,
}

/**
 * Operations the CLI deliberately has no command for, each with the reason. A new operation of the
 * spec must get a command or an entry here (tools/gates/check-coverage.mjs).
 */
export const CLI_OMITTED: Readonly<Partial<Record<OperationId, string>>> = {}
