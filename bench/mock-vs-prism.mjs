#!/usr/bin/env node
// The in-process mock (fetch adapter, node:http adapter) against `prism mock` on the same request mix,
// in one run: requests per second and start-up time, printed side by side as ratios.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { startPrism } from '@flexengage/tools/prism'
import { createFlexEngageMock, createMockFetch } from '@flexengage/webhooks-mock-handlers'
import { createMockServer } from '@flexengage/webhooks-mock-handlers/node'
import { serverUrls } from '@flexengage/webhooks-types'
import { keepAliveFetch } from './http-client.mjs'
import { writeResults } from './results.mjs'
import { requestMix, seedBenchData } from './seed.mjs'

const CONCURRENCY = 16
const headers = { authorization: 'Bearer bench', 'content-type': 'application/json' }

const httpFetch = keepAliveFetch(CONCURRENCY)

async function drive(fetchFn, baseUrl, totalRequests) {
  let next = 0
  let failures = 0
  const worker = async () => {
    while (next < totalRequests) {
      const { method, path, body } = requestMix[next++ % requestMix.length]
      const response = await fetchFn(`${baseUrl}${path}`, { method, headers, body })
      await response.arrayBuffer()
      if (!response.ok) failures++
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const seconds = (performance.now() - started) / 1000
  if (failures > 0) throw new Error(`${failures} of ${totalRequests} requests failed against ${baseUrl}`)
  return totalRequests / seconds
}

async function measureFetchAdapter() {
  const started = performance.now()
  const mockFetch = createMockFetch(createFlexEngageMock({ seed: 1 }))
  seedBenchData(mockFetch.mock)
  await (await mockFetch(`${serverUrls.test}/v1/ACME/webhooks`, { headers })).arrayBuffer()
  const startupMs = performance.now() - started
  await drive(mockFetch, serverUrls.test, 2_000) // warm-up
  return { startupMs, rps: await drive(mockFetch, serverUrls.test, 40_000) }
}

async function measureNodeAdapter() {
  const started = performance.now()
  const child = fork(new URL('./mock-server-process.mjs', import.meta.url), { stdio: 'inherit' })
  const [{ url }] = await once(child, 'message')
  await (await fetch(`${url}/v1/ACME/webhooks`, { headers })).arrayBuffer()
  const startupMs = performance.now() - started
  try {
    await drive(httpFetch, url, 1_000)
    return { startupMs, rps: await drive(httpFetch, url, 20_000) }
  } finally {
    child.disconnect()
    await once(child, 'exit')
  }
}

async function measureNodeAdapterInProcessStartup() {
  const started = performance.now()
  const server = await createMockServer({ mock: createFlexEngageMock({ seed: 1 }) })
  await (await fetch(`${server.url}/v1/ACME/webhooks`, { headers })).arrayBuffer()
  const startupMs = performance.now() - started
  await server.close()
  return startupMs
}

async function measurePrism() {
  const started = performance.now()
  const prism = await startPrism()
  await (await fetch(`${prism.url}/v1/ACME/webhooks`, { headers })).arrayBuffer()
  const startupMs = performance.now() - started
  try {
    await drive(httpFetch, prism.url, 300)
    return { startupMs, rps: await drive(httpFetch, prism.url, 3_000) }
  } finally {
    await prism.stop()
  }
}

const prism = await measurePrism()
const fetchAdapter = await measureFetchAdapter()
const nodeAdapter = await measureNodeAdapter()
const nodeInProcessStartupMs = await measureNodeAdapterInProcessStartup()

const rows = [
  {
    figure: 'mock throughput, fetch adapter (req/s)',
    project: fetchAdapter.rps,
    peer: prism.rps,
    target: '>= 10x',
    higherIsBetter: true,
  },
  {
    figure: 'mock throughput, node:http adapter (req/s)',
    project: nodeAdapter.rps,
    peer: prism.rps,
    target: '>= 10x',
    higherIsBetter: true,
  },
  {
    figure: 'mock start-up, fetch adapter (ms)',
    project: fetchAdapter.startupMs,
    peer: prism.startupMs,
    target: '< 100 ms',
    higherIsBetter: false,
  },
  {
    figure: 'mock start-up, node:http in-process (ms)',
    project: nodeInProcessStartupMs,
    peer: prism.startupMs,
    target: '< 100 ms',
    higherIsBetter: false,
  },
  {
    figure: 'mock start-up, node:http new process (ms)',
    project: nodeAdapter.startupMs,
    peer: prism.startupMs,
    target: '< 100 ms',
    higherIsBetter: false,
  },
]
console.log(
  `Request mix: ${requestMix.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`).join(', ')}; ${CONCURRENCY} concurrent`,
)
console.table(
  rows.map((r) => ({
    figure: r.figure,
    'this project': r.project.toFixed(1),
    'prism mock': r.peer.toFixed(1),
    ratio: `${(r.higherIsBetter ? r.project / r.peer : r.peer / r.project).toFixed(1)}x ${r.higherIsBetter ? 'faster' : 'sooner'}`,
    target: r.target,
  })),
)
writeResults(
  'mock-vs-prism',
  rows.map((row) => ({ ...row, peerName: 'prism mock 5.14.2' })),
)
