// Bad input: one line saying what to fix, exit code 2, nothing sent.
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** A positional argument that must be there; its format is checked by the client against the spec. */
export function requiredArgument(name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`missing <${name}>`)
  return value
}

const RELATIVE = /^(\d+)(s|m|h|d)$/
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** An ISO 8601 date-time, or a duration ago such as 30m, 2h, 7d. */
export function dateOption(name: string, value: string | undefined, now = Date.now()): Date | undefined {
  if (value === undefined) return undefined
  const relative = RELATIVE.exec(value)
  if (relative) return new Date(now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS])
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(
      `--${name} must be an ISO date-time (2024-05-01T00:00:00Z) or a duration ago (30m, 2h, 7d), got "${value}"`,
    )
  }
  return new Date(value)
}

export function positiveIntegerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`--${name} must be a positive whole number, got "${value}"`)
  return Number(value)
}

export function eventsOption(value: string | undefined): string[] {
  if (!value) throw new UsageError('--events is required, e.g. --events NOTIFICATION.SMS,ORDER_EVENTS.OMS')
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}
