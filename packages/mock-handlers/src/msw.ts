// MSW v2 handlers (setupServer in Node, setupWorker in browsers) answered by the mock core.
import { HttpResponse, http, type RequestHandler } from 'msw'
import { handlerFactories } from './generated/handlers.js'
import { CONNECTION_DROPPED, type FlexEngageMock, toResponse } from './mock.js'
import type { OperationId } from './routes.js'

export { handlerFactories }

const decodes = (pathname: string) =>
  pathname.split('/').every((segment) => {
    try {
      decodeURIComponent(segment)
      return true
    } catch {
      return false
    }
  })

export interface HandlersOptions {
  /**
   * Answer only requests under this base URL (e.g. `serverUrls.test` from the types package); others pass
   * through to the next handler. Default: the API's paths on any origin.
   */
  baseUrl?: string
}

/** One handler per operation, in route order (the generated factories are listed in it). */
export function createHandlers(mock: FlexEngageMock, options: HandlersOptions = {}): RequestHandler[] {
  const base = options.baseUrl?.replace(/\/+$/, '')
  const ours = (request: Request) => base === undefined || request.url.startsWith(`${base}/`)
  // MSW has matched the operation and decoded its path parameters: the core does not route again.
  const answerFor =
    (operationId: OperationId) =>
    async ({
      request,
      params,
    }: {
      request: Request
      params: Record<string, string | readonly string[] | undefined>
    }) => {
      if (!ours(request)) return undefined
      const answered = await mock.handle(request, { operationId, params: params as Record<string, string> })
      return answered === CONNECTION_DROPPED ? HttpResponse.error() : toResponse(answered)
    }
  // MSW decodes path parameters itself and fails (500) on a malformed escape such as `%E0%A4%A`. A
  // RegExp path is not decoded, so this handler, first, lets the core answer such a path (400); a
  // path that is not the API's falls through to the handlers after it.
  const undecodablePath = http.all(/.*/, async ({ request }) => {
    if (!ours(request) || decodes(new URL(request.url).pathname)) return undefined
    const answered = await mock.handle(request)
    if (answered === CONNECTION_DROPPED || answered.status === 404) return undefined
    return toResponse(answered)
  })
  // Each factory types its own resolver; the core's answer fits them all.
  const factories = Object.entries(handlerFactories) as Array<
    [OperationId, (resolver: never) => RequestHandler]
  >
  return [
    undecodablePath,
    ...factories.map(([operationId, factory]) => factory(answerFor(operationId) as never)),
  ]
}
