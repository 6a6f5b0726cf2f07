#!/usr/bin/env node
import { once } from 'node:events'
import { createServer } from 'node:http'
import { sampleEnvelope } from '@flexengage/tools/samples'
import { DEFAULT_DELIVERY_OPTIONS } from '@flexengage/webhooks-sandbox'
import { SIGNATURE_HEADER } from '@flexengage/webhooks-types'
import { keepAliveFetch } from './http-client.mjs'
import { writeResults } from './results.mjs'
import { spawnSandbox } from './sandbox-process.mjs'

const EVENTS = 3_000
const BATCH = 50
// One receiver: the sandbox sends it as many deliveries at a time as one endpoint may take.
const DELIVERY_CONCURRENCY = DEFAULT_DELIVERY_OPTIONS.concurrencyPerEndpoint
const triggerFetch = keepAliveFetch(BATCH)

const arrivals = new Map()
const receiver = createServer((request, response) => {
  const chunks = []
  request.on('data', (c) => chunks.push(c))
  request.on('end', () => {
    if (request.headers[SIGNATURE_HEADER])
      arrivals.set(JSON.parse(Buffer.concat(chunks)).id, performance.now())
    response.end('{"ok":true}')
  })
})
receiver.listen(0, '127.0.0.1')
await once(receiver, 'listening')
const endpoint = `http://127.0.0.1:${receiver.address().port}/hooks`

const sandbox = await spawnSandbox()
const { url } = sandbox
const auth = { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }
await fetch(`${url}/v1/ACME/webhooks`, {
  method: 'POST',
  headers: auth,
  body: JSON.stringify({ endpoint, events: ['NOTIFICATION'] }),
})

// The spec's example delivery: a listed type and data its payload schema accepts.
const sample = sampleEnvelope()
const triggered = new Map()
const started = performance.now()
for (let sent = 0; sent < EVENTS; sent += BATCH) {
  await Promise.all(
    Array.from({ length: BATCH }, async () => {
      const at = performance.now()
      const response = await triggerFetch(`${url}/_sandbox/v1/ACME/events`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: sample.type, data: sample.data }),
      })
      for (const event of (await response.json()).events) triggered.set(event.id, at)
    }),
  )
}
while (arrivals.size < EVENTS) await new Promise((r) => setTimeout(r, 10))
const seconds = (Math.max(...arrivals.values()) - started) / 1000
const latencies = [...arrivals].map(([id, at]) => at - triggered.get(id)).sort((a, b) => a - b)
const percentile = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]
await sandbox.stop()

// The ceilings: the same number of POSTs of a similar body straight to the receiver, as many at a time
// as the sandbox delivers, once with fetch (the ceiling the sandbox was first measured against) and
// once with node:http on keep-alive connections (the client the sandbox delivers with).
const body = JSON.stringify(sample)
async function bareLoopRate(post) {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: DELIVERY_CONCURRENCY }, async () => {
      while (next++ < EVENTS)
        await (
          await post(endpoint, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
        ).arrayBuffer()
    }),
  )
  return EVENTS / ((performance.now() - started) / 1000)
}
const bareFetchRate = await bareLoopRate(fetch)
const bareHttpRate = await bareLoopRate(keepAliveFetch(DELIVERY_CONCURRENCY))
receiver.close()

const rows = [
  {
    figure: 'sandbox signed deliveries/s (trigger -> receiver)',
    project: EVENTS / seconds,
    peer: bareFetchRate,
    peerName: 'bare unsigned POST loop (fetch), same receiver',
    target: '>= 0.5x',
    higherIsBetter: true,
  },
  {
    figure: 'sandbox signed deliveries/s (trigger -> receiver)',
    project: EVENTS / seconds,
    peer: bareHttpRate,
    peerName: 'bare unsigned POST loop (node:http keep-alive), same receiver',
    target: 'printed',
    higherIsBetter: true,
  },
  {
    figure: 'sandbox delivery latency p50 under saturation (ms)',
    project: percentile(50),
    peer: 0,
    peerName: '-',
    target: 'printed',
    higherIsBetter: false,
  },
  {
    figure: 'sandbox delivery latency p99 under saturation (ms)',
    project: percentile(99),
    peer: 0,
    peerName: '-',
    target: 'printed',
    higherIsBetter: false,
  },
]
console.log(
  `${EVENTS} events, triggered ${BATCH} at a time; sandbox delivery concurrency ${DELIVERY_CONCURRENCY}`,
)
console.table(
  rows.map((r) => ({
    figure: r.figure,
    value: r.project.toFixed(1),
    peer: r.peer ? r.peer.toFixed(1) : '-',
    target: r.target,
  })),
)
writeResults('sandbox-deliveries', rows)
