// createHandlers(mock, { baseUrl }): the mock answers its own base URL only; the same path on another
// origin passes through to the next handler.
import { serverUrls } from '@flexengage/webhooks-types'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createFlexEngageMock } from '../src/index.js'
import { createHandlers } from '../src/msw.js'

const mock = createFlexEngageMock({ seed: 4 })
const server = setupServer(
  ...createHandlers(mock, { baseUrl: `${serverUrls.test}/` }),
  http.all('*', () => HttpResponse.json({ passedThrough: true }, { status: 299 })),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const headers = { authorization: 'Bearer t', 'content-type': 'application/json' }
const body = JSON.stringify({ endpoint: 'https://example.com/h', events: ['NOTIFICATION'] })

test('requests under the base URL reach the mock; the same path elsewhere passes through', async () => {
  const ours = await fetch(`${serverUrls.test}/v1/ACME/webhooks`, {
    method: 'POST',
    headers,
    body,
  })
  const elsewhere = await fetch(`${serverUrls.production}/v1/ACME/webhooks`, {
    method: 'POST',
    headers,
    body,
  })
  expect(ours.status).toBe(201)
  expect([elsewhere.status, await elsewhere.json()]).toEqual([299, { passedThrough: true }])
  expect(mock.store.webhooks('ACME')).toHaveLength(1)
})
