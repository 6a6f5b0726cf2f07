// What a request and its answer are: the shapes every stage of the request pipeline shares (build,
// send, read, retry), in a module of their own so that no stage imports another for its types.

export interface RequestOptions {
  signal?: AbortSignal
  /** Per attempt. */
  timeoutMs?: number
  headers?: Record<string, string>
  maxRetries?: number
}

export interface ResponseInfo {
  status: number
  headers: Headers
  url: string
}

export interface WithResponse<T> {
  data: T
  response: ResponseInfo
  /** Requests sent for this call, retries and a token refresh included. */
  requestsSent: number
}

/** A request checked against the operation table, ready to send. */
export interface PreparedRequest {
  operationId: string
  method: string
  /** The path with its parameters filled in and encoded. */
  path: string
  query: Record<string, string | number | boolean>
  body: unknown
  /** May an attempt that may have reached the server be sent again? */
  idempotent: boolean
  /** Whether the operation declares a JSON body for this status (otherwise any body is ignored). */
  hasContent: (status: number) => boolean
}
