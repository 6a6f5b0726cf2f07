import {
  createFlexEngageMock,
  createMockFetch,
  type FlexEngageMockOptions,
} from '@flexengage/webhooks-mock-handlers'
import { type ClientOptions, FlexEngageWebhooks } from '../src/index.js'

export const BRAND = 'ACME'
export const TOKEN = 'sk_test_SECRET-token-value-42'

/** A client wired to the in-process mock, with retry delays short enough for tests. */
export function setup(clientOptions: Partial<ClientOptions> = {}, mockOptions: FlexEngageMockOptions = {}) {
  const mockFetch = createMockFetch(createFlexEngageMock({ seed: 1, ...mockOptions }))
  const fe = new FlexEngageWebhooks({
    brandId: BRAND,
    token: TOKEN,
    fetch: mockFetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    // Quiet unless a test asks for logs (logging.test.ts).
    logLevel: 'off',
    ...clientOptions,
  })
  return { fe, mock: mockFetch.mock, mockFetch }
}

export const hook = { endpoint: 'https://example.com/hook', events: ['NOTIFICATION.SMS.RECEIPT'] }
