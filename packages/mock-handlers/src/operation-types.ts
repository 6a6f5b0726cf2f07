// Types of each operation's parameters and bodies, derived from @flexengage/webhooks-types.
import type { operations } from '@flexengage/webhooks-types'
import type { OperationId } from './generated/operations.js'

type Responses<Op extends OperationId> = operations[Op]['responses']

/** The statuses an operation declares, e.g. `200 | 401 | 403 | 404 | 429 | 500`. */
export type StatusOf<Op extends OperationId> = keyof Responses<Op> & number

/** The JSON body an operation answers with for a status (`undefined` when it declares none). */
export type ResponseBodyFor<Op extends OperationId, S extends StatusOf<Op>> = Responses<Op>[S] extends {
  content: { 'application/json': infer Body }
}
  ? Body
  : undefined

export type ResponseBodyOf<Op extends OperationId> = {
  [S in StatusOf<Op>]: ResponseBodyFor<Op, S>
}[StatusOf<Op>]

export type RequestBodyOf<Op extends OperationId> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } }
}
  ? Body
  : never
