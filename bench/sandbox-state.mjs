#!/usr/bin/env node
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sampleEnvelope } from '@flexengage/tools/samples'
import { startSandbox } from '@flexengage/webhooks-sandbox'
import { DELIVERY_STATUS, SIGNATURE_HEADER } from '@flexengage/webhooks-types'
import { keepAliveFetch } from './http-client.mjs'
import { writeResults } from './results.mjs'
import { spawnSandbox } from './sandbox-process.mjs'

const STORED = 100_000
const DELIVERIES = 2_000
const BATCH = 50
const WRITES = 200
const auth = { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }
const scratch = mkdtempSync(join(tmpdir(), 'bench-sandbox-state-'))
const sample = sampleEnvelope()

/** A data file holding `events` stored events of about 1 KB each, and one webhook to patch. */
async function dataFileWith(name, events) {
  const file = join(scratch, name)
  const sandbox = await startSandbox({ dataFile: file })
  const hook = sandbox.mock.seedWebhook('ACME', {
    endpoint: 'https://example.com/stored',
    events: ['ORDER_EVENTS'],
  })
  const filler = 'x'.repeat(1000)
  for (let i = 0; i < events; i++)
    sandbox.mock.seedEvent('ACME', hook.id, {
      type: 'ORDER_EVENTS.STORED',
      status: DELIVERY_STATUS.delivered,
      data: { i, filler },
    })
  await sandbox.close()
  return { file, webhookId: hook.id }
}

/** A receiver on 127.0.0.1 that counts signed deliveries and answers with `answer(response)`. */
async function startReceiver(answer = (response) => response.end('{"ok":true}')) {
  const arrived = { count: 0 }
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      if (request.headers[SIGNATURE_HEADER]) arrived.count++
      answer(response)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    endpoint: `http://127.0.0.1:${server.address().port}/hooks`,
    arrived,
    close: () => {
      server.closeAllConnections()
      server.close()
    },
  }
}

async function createWebhook(url, endpoint, events) {
  const response = await fetch(`${url}/v1/ACME/webhooks`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ endpoint, events }),
  })
  return (await response.json()).id
}

/** Signed deliveries per second: DELIVERIES triggered BATCH at a time, until all have arrived. */
async function deliveriesPerSecond(file) {
  const sandbox = await spawnSandbox(['--data', file])
  const receiver = await startReceiver()
  await createWebhook(sandbox.url, receiver.endpoint, [sample.type])
  const trigger = keepAliveFetch(BATCH)
  const started = performance.now()
  for (let sent = 0; sent < DELIVERIES; sent += BATCH) {
    await Promise.all(
      Array.from({ length: BATCH }, () =>
        trigger(`${sandbox.url}/_sandbox/v1/ACME/events`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ type: sample.type, data: sample.data }),
        }).then((r) => r.arrayBuffer()),
      ),
    )
  }
  while (receiver.arrived.count < DELIVERIES) await new Promise((r) => setTimeout(r, 10))
  const rate = DELIVERIES / ((performance.now() - started) / 1000)
  receiver.close()
  await sandbox.stop()
  return rate
}

/** Median milliseconds of a one-field write (PATCH enabled), WRITES of them one after another. */
async function oneFieldWriteMs(file, webhookId) {
  const sandbox = await spawnSandbox(['--data', file])
  const patch = keepAliveFetch(1)
  const times = []
  for (let i = 0; i < WRITES; i++) {
    const at = performance.now()
    const response = await patch(`${sandbox.url}/v1/ACME/webhooks/${webhookId}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ enabled: i % 2 === 0 }),
    })
    await response.arrayBuffer()
    if (!response.ok) throw new Error(`PATCH answered ${response.status}`)
    times.push(performance.now() - at)
  }
  await sandbox.stop()
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

/** MB of resident memory a process holds now (VmRSS) and at its peak so far (VmHWM). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024
  return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}

/** The sandbox's peak RSS above its idle RSS while one delivery's receiver answers with `answer`. */
async function peakAboveIdleMb(answer) {
  const sandbox = await spawnSandbox(['--data', join(scratch, `rss-${Math.random()}.journal`)])
  const receiver = await startReceiver(answer)
  await createWebhook(sandbox.url, receiver.endpoint, [sample.type])
  // The peak so far included start-up: reset it (Linux clear_refs 5), so what follows is the delivery's.
  writeFileSync(`/proc/${sandbox.pid}/clear_refs`, '5')
  const idle = memoryOf(sandbox.pid).rss
  await fetch(`${sandbox.url}/_sandbox/v1/ACME/events`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ type: sample.type, data: sample.data }),
  })
  while (receiver.arrived.count < 1) await new Promise((r) => setTimeout(r, 10))
  // The attempt is recorded once the answer is read (or cut off): wait for the event to settle.
  for (;;) {
    const page = await (
      await fetch(`${sandbox.url}/_sandbox/v1/ACME/events?limit=1`, { headers: auth })
    ).json()
    if (page.events[0]?.status === DELIVERY_STATUS.delivered) break
    await new Promise((r) => setTimeout(r, 20))
  }
  const { peak } = memoryOf(sandbox.pid)
  receiver.close()
  await sandbox.stop()
  return peak - idle
}

/** Streams 1 GiB, 64 KiB at a time, as fast as the reader takes it. */
function answerOneGiB(response) {
  response.writeHead(200, { 'content-type': 'text/plain' })
  const chunk = Buffer.alloc(64 * 1024, 'x')
  let sent = 0
  const pump = () => {
    while (sent < 1024 ** 3) {
      sent += chunk.length
      if (!response.write(chunk)) return void response.once('drain', pump)
    }
    response.end()
  }
  response.on('error', () => undefined)
  pump()
}

const empty = await dataFileWith('empty.journal', 0)
const full = await dataFileWith('full.journal', STORED)
const fullMb = statSync(full.file).size / 1024 ** 2
const rows = [
  {
    figure: `sandbox signed deliveries/s, ${STORED} stored events (${fullMb.toFixed(0)} MB journal)`,
    project: await deliveriesPerSecond(full.file),
    peer: await deliveriesPerSecond(empty.file),
    peerName: 'the same, no stored event',
    target: '>= 0.8x',
    higherIsBetter: true,
  },
  {
    figure: `sandbox one-field write (PATCH enabled), median ms, ${fullMb.toFixed(0)} MB state`,
    project: await oneFieldWriteMs(full.file, full.webhookId),
    peer: await oneFieldWriteMs(empty.file, empty.webhookId),
    peerName: 'the same, empty state',
    target: '<= 10 ms',
    higherIsBetter: false,
  },
  {
    figure: 'sandbox peak RSS above idle while a receiver answers 1 GiB (MB)',
    project: await peakAboveIdleMb(answerOneGiB),
    peer: await peakAboveIdleMb((response) => response.end('{"ok":true}')),
    peerName: 'the same, a receiver answering one line',
    target: '< 100 MB',
    higherIsBetter: false,
  },
]
rmSync(scratch, { recursive: true, force: true })
console.table(
  rows.map((r) => ({
    figure: r.figure,
    value: r.project.toFixed(2),
    peer: r.peer.toFixed(2),
    target: r.target,
  })),
)
writeResults('sandbox-state', rows)
