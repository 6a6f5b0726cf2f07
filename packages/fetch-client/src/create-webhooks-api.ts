import { ApiError } from './api-error.js'
import { Configuration, type FetchAPI, type Middleware, WebhooksApi } from './generated/index.js'

/** A bearer token, or a function asked for one before every request (for short-lived tokens). */
export type TokenSource = string | (() => string | Promise<string>)

export interface WebhooksApiOptions {
  /** Default: the spec's first server (the test environment). */
  basePath?: string
  /** Looked up at every call (default `globalThis.fetch`), so a fetch patched later, e.g. by MSW, is used. */
  fetch?: FetchAPI
  token?: TokenSource
  /** Runs before the client's own middleware: it never sees the Authorization header. */
  middleware?: Middleware[]
  headers?: Record<string, string>
}

function bearerMiddleware(token: TokenSource): Middleware {
  return {
    async pre({ url, init }) {
      const value = typeof token === 'function' ? await token() : token
      if (!value) return { url, init }
      const headers = new Headers(init.headers)
      headers.set('Authorization', `Bearer ${value}`)
      return { url, init: { ...init, headers } }
    },
  }
}

const errorMiddleware: Middleware = {
  async post({ response }) {
    if (!response.ok) throw await ApiError.fromResponse(response)
  },
}

/** The generated WebhooksApi wired with call-time fetch, a token source, middleware and typed errors. */
export function createWebhooksApi(options: WebhooksApiOptions = {}): WebhooksApi {
  const ownMiddleware =
    options.token === undefined ? [errorMiddleware] : [bearerMiddleware(options.token), errorMiddleware]
  return new WebhooksApi(
    new Configuration({
      ...(options.basePath === undefined ? {} : { basePath: options.basePath.replace(/\/+$/, '') }),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      fetchApi: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
      middleware: [...(options.middleware ?? []), ...ownMiddleware],
    }),
  )
}
