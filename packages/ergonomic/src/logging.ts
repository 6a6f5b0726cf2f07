// Log lines about requests and retries. Nothing logged ever holds a token, an Authorization header
// or a request body: lines are built from the method, the path, the status and timings only.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off'

export interface Logger {
  debug(message: string, ...rest: unknown[]): void
  info(message: string, ...rest: unknown[]): void
  warn(message: string, ...rest: unknown[]): void
  error(message: string, ...rest: unknown[]): void
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 }
export const LOG_LEVELS = Object.keys(RANK) as LogLevel[]

export const isLogLevel = (value: unknown): value is LogLevel =>
  typeof value === 'string' && Object.hasOwn(RANK, value)

/** `FLEXENGAGE_LOG` where the runtime has an environment (Node, Bun, Deno with --allow-env). */
export function logLevelFromEnvironment(): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
      ?.FLEXENGAGE_LOG
  } catch {
    return undefined
  }
}

/**
 * Only the enabled levels are present, so `log.debug?.(\`...\`)` does not even build its message
 * when debug is off: logging costs nothing on the hot path unless asked for.
 */
export type Log = Partial<Record<Exclude<LogLevel, 'off'>, (message: string) => void>>

export function createLog(logger: Logger, level: LogLevel): Log {
  const log: Log = {}
  for (const name of ['debug', 'info', 'warn', 'error'] as const) {
    if (RANK[name] >= RANK[level]) log[name] = (message) => logger[name](`[flexengage] ${message}`)
  }
  return log
}
