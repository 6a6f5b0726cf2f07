#!/usr/bin/env node
// Client overhead per call with a stubbed fetch (no network): @flexengage/webhooks beside
// openapi-fetch and a raw fetch + JSON.parse, for `get` and `list`, in one run.
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { listedEventTypes, operationTable, serverUrls } from '@flexengage/webhooks-types'
import createClient from 'openapi-fetch'
import { writeResults } from './results.mjs'

const WEBHOOK_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
const webhook = {
  id: WEBHOOK_ID,
  created: '2019-08-24T14:15:22Z',
  updated: '2019-08-24T14:15:22Z',
  endpoint: 'https://example.com/my/webhook/endpoint',
  events: [listedEventTypes[0]],
  enabled: true,
}
const bodies = {
  get: JSON.stringify(webhook),
  list: JSON.stringify(Array.from({ length: 10 }, () => webhook)),
}
const stub = (body) => async () =>
  new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })
const baseUrl = serverUrls.test

function clients(body) {
  const fetch = stub(body)
  const ours = new FlexEngageWebhooks({ brandId: 'ACME', token: 'bench', fetch })
  const peer = createClient({ baseUrl, fetch, headers: { Authorization: 'Bearer bench' } })
  return {
    raw: async (path) =>
      (await fetch(`${baseUrl}${path}`, { headers: { Authorization: 'Bearer bench' } })).json(),
    peer: async (path, params) => (await peer.GET(path, { params })).data,
    ours,
  }
}

async function timePerCall(call, iterations) {
  for (let i = 0; i < 2_000; i++) await call() // warm-up
  const started = performance.now()
  for (let i = 0; i < iterations; i++) await call()
  return ((performance.now() - started) * 1000) / iterations // µs
}

const rows = []
for (const [operation, path, params] of [
  ['get', operationTable.getWebhook.path, { path: { brandId: 'ACME', id: WEBHOOK_ID } }],
  ['list', operationTable.listWebhooks.path, { path: { brandId: 'ACME' } }],
]) {
  const c = clients(bodies[operation])
  const concretePath = path.replace('{brandId}', 'ACME').replace('{id}', WEBHOOK_ID)
  const ourCall = operation === 'get' ? () => c.ours.webhooks.get(WEBHOOK_ID) : () => c.ours.webhooks.list()
  const results = { raw: [], peer: [], ours: [] }
  // Interleave rounds so drift on a shared machine hits every client alike; keep the best round.
  for (let round = 0; round < 5; round++) {
    results.raw.push(await timePerCall(() => c.raw(concretePath), 20_000))
    results.peer.push(await timePerCall(() => c.peer(path, params), 20_000))
    results.ours.push(await timePerCall(ourCall, 20_000))
  }
  const [raw, peer, ours] = [results.raw, results.peer, results.ours].map((r) => Math.min(...r))
  rows.push({
    figure: `client overhead per ${operation} (µs above raw fetch)`,
    project: ours - raw,
    peer: peer - raw,
    peerName: 'openapi-fetch 0.17.0',
    target: '<= 1.5x openapi-fetch',
    higherIsBetter: false,
    detail: { rawMicros: raw, peerMicros: peer, ourMicros: ours },
  })
}
console.table(
  rows.map((r) => ({
    figure: r.figure,
    'raw fetch µs/call': r.detail.rawMicros.toFixed(2),
    'openapi-fetch µs/call': r.detail.peerMicros.toFixed(2),
    '@flexengage/webhooks µs/call': r.detail.ourMicros.toFixed(2),
    'overhead ratio (ours/peer)': (r.project / r.peer).toFixed(2),
    target: r.target,
  })),
)
writeResults('client-overhead', rows)
