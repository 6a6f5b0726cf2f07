import { CONNECTION_DROPPED, createFlexEngageMock, type FlexEngageMock, toResponse } from './mock.js'

export type MockFetch = typeof fetch & { readonly mock: FlexEngageMock }

/** A `fetch`-compatible function answered by the mock in-process: no sockets, no interceptors. */
export function createMockFetch(mock: FlexEngageMock = createFlexEngageMock()): MockFetch {
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    if (request.signal.aborted) throw request.signal.reason
    const answer = await mock.handle(request)
    if (answer === CONNECTION_DROPPED) {
      // What undici's fetch throws when the peer closes the socket.
      throw new TypeError('fetch failed', {
        cause: new Error('other side closed (mock scenario network: "drop")'),
      })
    }
    return toResponse(answer)
  }
  return Object.assign(mockFetch, { mock })
}
