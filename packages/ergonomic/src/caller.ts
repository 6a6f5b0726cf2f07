// What the resources (webhooks, events, pagination) call: any operation of the spec through the one
// pipeline. Resources depend on this module only; the client composes both, so nothing imports back.
import { type AnyOperationParams, type PrepareContext, prepareRequest } from './operation-request.js'
import type { RequestOptions, WithResponse } from './request.js'
import type { CallOutcome, Transport } from './transport.js'

export type CallContext = Omit<PrepareContext, 'brandId'>

/** The result of a successful outcome, or its typed error thrown. */
export function unwrap<T>(outcome: CallOutcome<T>): WithResponse<T> {
  if (!outcome.ok) throw outcome.error
  return { data: outcome.data, response: outcome.response, requestsSent: outcome.requestsSent }
}

export class OperationCaller {
  constructor(
    private readonly transport: Transport,
    readonly brandId: string,
  ) {}

  /** Sends the operation and says what happened, success or not: the resource decides what a failure means. */
  call<T>(
    operationId: string,
    params: AnyOperationParams,
    options?: RequestOptions,
    context: CallContext = {},
  ): Promise<CallOutcome<T>> {
    return this.transport.send<T>(
      prepareRequest(operationId, params, { brandId: this.brandId, ...context }),
      options,
    )
  }

  /** Sends the operation; its result, or its typed error thrown. */
  async callOrThrow<T>(
    operationId: string,
    params: AnyOperationParams,
    options?: RequestOptions,
    context: CallContext = {},
  ): Promise<WithResponse<T>> {
    return unwrap(await this.call<T>(operationId, params, options, context))
  }

  /** Checks a call against the spec without sending it: throws InvalidArgumentError. */
  check(operationId: string, params: AnyOperationParams, context: CallContext = {}): void {
    prepareRequest(operationId, params, { brandId: this.brandId, ...context })
  }
}
