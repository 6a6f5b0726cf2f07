// MSW v2 handlers (setupServer in Node, setupWorker in browsers) answered by the mock core.
import { HttpResponse, type RequestHandler } from 'msw'
import { handlerFactories } from './generated/handlers.js'
import { CONNECTION_DROPPED, type FlexEngageMock, toResponse } from './mock.js'
import { routeOrder } from './routes.js'

export { handlerFactories }

/** One handler per operation, in route order (static segments before parameters). */
export function createHandlers(mock: FlexEngageMock): RequestHandler[] {
  return routeOrder.map((operationId) =>
    handlerFactories[operationId](async ({ request }) => {
      const answer = await mock.handle(request)
      return answer === CONNECTION_DROPPED ? HttpResponse.error() : toResponse(answer)
    }),
  )
}
