// MSW v2 handlers (setupServer in Node, setupWorker in browsers) answered by the mock core.
import { HttpResponse, type RequestHandler } from 'msw'
import { handlerFactories } from './generated/handlers.js'
import { CONNECTION_DROPPED, type FlexEngageMock, toResponse } from './mock.js'

export { handlerFactories }

/** One handler per operation, in route order (the generated factories are listed in it). */
export function createHandlers(mock: FlexEngageMock): RequestHandler[] {
  return Object.values(handlerFactories).map((factory) =>
    factory(async ({ request }) => {
      const answer = await mock.handle(request)
      return answer === CONNECTION_DROPPED ? HttpResponse.error() : toResponse(answer)
    }),
  )
}
