// Scenario control: what the next answers of an operation should be. Statuses never rotate on
// their own: a step is used because a test queued it, set it, or asked for it with `Prefer`.

import type { ResponseBodyFor, StatusOf } from './operation-types.js'
import type { OperationId } from './routes.js'

/** Statuses a gateway in front of flexEngage can answer with although the spec does not declare them. */
export type GatewayStatus = 502 | 503 | 504
export const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504])

interface StepTiming {
  /** Wait this long before answering (the request's AbortSignal cuts the wait short). */
  delayMs?: number
  headers?: Record<string, string>
}

type DeclaredStatusStep<Op extends OperationId> = {
  [S in StatusOf<Op>]: StepTiming & { status: S; body?: ResponseBodyFor<Op, S> }
}[StatusOf<Op>]

/** One answer of an operation: a status, a typed override, an example, latency or a fault. */
export type ScenarioStep<Op extends OperationId> =
  | StatusOf<Op>
  | GatewayStatus
  | DeclaredStatusStep<Op>
  | (StepTiming & { status: GatewayStatus })
  | (StepTiming & { example: string })
  | (StepTiming & { delayMs: number })
  | { network: 'drop'; delayMs?: number }
  | (StepTiming & { rawBody: string; status?: number })

export interface NormalizedStep {
  status?: number
  body?: unknown
  hasBody: boolean
  headers?: Record<string, string>
  delayMs?: number
  example?: string
  drop?: boolean
  rawBody?: string
}

export function normalizeStep<Op extends OperationId>(step: ScenarioStep<Op>): NormalizedStep {
  if (typeof step === 'number') return { status: step, hasBody: false }
  if ('network' in step)
    return { drop: true, hasBody: false, ...(step.delayMs === undefined ? {} : { delayMs: step.delayMs }) }
  return { ...(step as Omit<NormalizedStep, 'hasBody'>), hasBody: 'body' in step }
}

/** Parses Prism-compatible `Prefer: code=404, example=conflict`. */
export function stepFromPrefer(header: string | null): NormalizedStep | undefined {
  if (!header) return undefined
  const preferences = Object.fromEntries(
    header.split(/[,;]/).map((part) => {
      const [key = '', value = ''] = part.split('=').map((s) => s.trim())
      return [key.toLowerCase(), value.replace(/^"|"$/g, '')]
    }),
  )
  const status = preferences.code ? Number(preferences.code) : undefined
  if (status === undefined && !preferences.example) return undefined
  return {
    hasBody: false,
    ...(status === undefined || Number.isNaN(status) ? {} : { status }),
    ...(preferences.example ? { example: preferences.example } : {}),
  }
}

export class ScenarioBook {
  #queued = new Map<OperationId, NormalizedStep[]>()
  #standing = new Map<OperationId, NormalizedStep>()

  /** A list is a sequence, used once each in order; one step stands until reset unless `once`. */
  use(operationId: OperationId, steps: NormalizedStep | NormalizedStep[], once: boolean): void {
    if (Array.isArray(steps) || once) {
      const queue = this.#queued.get(operationId) ?? []
      queue.push(...(Array.isArray(steps) ? steps : [steps]))
      this.#queued.set(operationId, queue)
    } else {
      this.#standing.set(operationId, steps)
    }
  }

  take(operationId: OperationId): NormalizedStep | undefined {
    return this.#queued.get(operationId)?.shift() ?? this.#standing.get(operationId)
  }

  reset(): void {
    this.#queued.clear()
    this.#standing.clear()
  }
}
