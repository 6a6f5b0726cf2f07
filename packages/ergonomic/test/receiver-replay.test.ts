// Dedupe leases (claim -> complete | release) and the replay window: a redelivery runs its handler
// once, a handler that dies holding a lease does not block its event for good, and a captured
// delivery cannot be replayed once it is older than the window.
import { describe, expect, test } from 'vitest'
import {
  createMemoryDedupeStore,
  createReceiver,
  DEFAULT_MAX_DELIVERY_AGE_MS,
  type DedupeClaim,
  type DedupeStore,
  type ReceiverOptions,
} from '../src/receiver/index.js'
import { envelope, signatureHeaders, useKeyServer } from './receiver-helpers.js'

const fixture = useKeyServer()
const signed = async (body: string) => ({
  body,
  headers: await signatureHeaders(body, fixture.keys.privateKey, fixture.server.url('/key.pem')),
})

const receiverWith = (on: ReceiverOptions['on'], extra: Partial<ReceiverOptions> = {}) =>
  createReceiver({ on, trustLocalSandbox: true, ...extra })

/** A claim's outcome, and its lease when it holds one. */
const outcome = (claim: DedupeClaim | Promise<DedupeClaim>) => (claim as DedupeClaim).outcome
const leaseOf = (claim: DedupeClaim | Promise<DedupeClaim>) => {
  const taken = claim as DedupeClaim
  if (taken.outcome !== 'claimed') throw new Error(`not claimed: ${taken.outcome}`)
  return taken.lease
}

describe('the memory store keeps leases and done marks', () => {
  test('claim -> in-progress until the lease ends; complete -> done until the retention ends', () => {
    let now = 0
    const store = createMemoryDedupeStore({ leaseMs: 100, retentionMs: 1_000, now: () => now })
    leaseOf(store.claim('e'))
    expect(outcome(store.claim('e'))).toBe('in-progress')
    now = 100 // the holder died: its lease is over, the next attempt takes it
    store.complete('e', leaseOf(store.claim('e')))
    now = 1_099
    expect(outcome(store.claim('e'))).toBe('done')
    now = 1_100
    store.release('e', leaseOf(store.claim('e')))
    expect(outcome(store.claim('e'))).toBe('claimed')
  })

  test("only the claim holding a lease ends it: a late release leaves the next holder's alone", () => {
    let now = 0
    const store = createMemoryDedupeStore({ leaseMs: 1_000, now: () => now })
    const first = leaseOf(store.claim('e'))
    now = 1_000 // the first holder's lease is over; another delivery takes the event
    leaseOf(store.claim('e'))
    store.release('e', first) // the first handler fails, late
    expect(outcome(store.claim('e'))).toBe('in-progress')
  })

  test('beyond its capacity the oldest event is forgotten first', () => {
    const store = createMemoryDedupeStore({ capacity: 2 })
    for (const id of ['a', 'b', 'c']) store.complete(id, leaseOf(store.claim(id)))
    expect(['b', 'c', 'a'].map((id) => outcome(store.claim(id)))).toEqual(['done', 'done', 'claimed'])
  })
})

describe('the receiver follows its store', () => {
  test('a second delivery while the first runs is not acknowledged (409); after it succeeds, a duplicate', async () => {
    let finish: () => void = () => undefined
    const running = new Promise<void>((resolve) => {
      finish = resolve
    })
    let started: () => void = () => undefined
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve
    })
    let runs = 0
    const receiver = receiverWith({
      '*': async () => {
        runs++
        started()
        await running
      },
    })
    const first = receiver.receive(await signed(envelope({ attemptId: 'a1' })))
    await handlerStarted
    const concurrent = await receiver.receive(await signed(envelope({ attemptId: 'a2' })))
    expect([concurrent.status, concurrent.outcome, JSON.parse(concurrent.body).error]).toEqual([
      409,
      'busy',
      'in_progress',
    ])
    finish()
    expect((await first).outcome).toBe('handled')
    const later = await receiver.receive(await signed(envelope({ attemptId: 'a3' })))
    expect([later.status, later.outcome]).toEqual([200, 'duplicate'])
    expect(runs).toBe(1)
  })

  test('a handler that fails after its lease expired ends only its own lease: a third delivery waits (409)', async () => {
    let now = Date.now()
    const store = createMemoryDedupeStore({ leaseMs: 1_000, now: () => now })
    /** Each run waits for the test to end it; `ends[i](error?)` ends run i. */
    const ends: Array<(error?: Error) => void> = []
    const started: Array<() => void> = []
    const runStarted = (index: number) =>
      new Promise<void>((resolve) => {
        started[index] = resolve
      })
    const receiver = receiverWith(
      {
        '*': () =>
          new Promise<void>((resolve, reject) => {
            ends.push((error) => (error ? reject(error) : resolve()))
            started[ends.length - 1]?.()
          }),
      },
      { dedupe: store, now: () => now },
    )
    const firstStarted = runStarted(0)
    const first = receiver.receive(await signed(envelope({ attemptId: 'a1' })))
    await firstStarted
    now += 1_000 // the first run's lease is over: a redelivery takes the event over
    const secondStarted = runStarted(1)
    const second = receiver.receive(await signed(envelope({ attemptId: 'a2' })))
    await secondStarted
    ends[0]?.(new Error('the first run fails, late'))
    expect((await first).outcome).toBe('failed')
    const third = await receiver.receive(await signed(envelope({ attemptId: 'a3' })))
    expect([third.status, third.outcome]).toEqual([409, 'busy'])
    expect(ends).toHaveLength(2)
    ends[1]?.()
    expect((await second).outcome).toBe('handled')
  })

  test('a store that cannot be reached: 503, and the handler never runs without a claim', async () => {
    const unreachable: DedupeStore = {
      claim: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
      complete: () => undefined,
      release: () => undefined,
    }
    const errors: unknown[] = []
    let runs = 0
    const receiver = receiverWith(
      { '*': () => void runs++ },
      { dedupe: unreachable, onError: (e) => errors.push(e) },
    )
    const result = await receiver.receive(await signed(envelope()))
    expect([result.status, result.outcome, JSON.parse(result.body).error]).toEqual([
      503,
      'unavailable',
      'dedupe_unavailable',
    ])
    expect(runs).toBe(0)
    expect(String(errors[0])).toContain('ECONNREFUSED')
  })

  test('a done mark that cannot be written still acknowledges the handled event, and reports it', async () => {
    const errors: unknown[] = []
    const store = createMemoryDedupeStore()
    const receiver = receiverWith(
      { '*': () => undefined },
      {
        dedupe: { ...store, complete: () => Promise.reject(new Error('write failed')) },
        onError: (e) => errors.push(e),
      },
    )
    const result = await receiver.receive(await signed(envelope()))
    expect([result.status, result.outcome]).toEqual([200, 'handled'])
    expect(String(errors[0])).toContain('write failed')
  })
})

describe('the replay window', () => {
  const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()

  test.each([
    ['just inside the window', -(DEFAULT_MAX_DELIVERY_AGE_MS - 60_000), 200, undefined],
    ['older than the window', -(DEFAULT_MAX_DELIVERY_AGE_MS + 60_000), 400, 'stale_delivery'],
    ['a little in the future (clock skew)', 60_000, 200, undefined],
    ['far in the future', 60 * 60_000, 400, 'stale_delivery'],
  ])('a delivery created %s', async (_name, offsetMs, status, reason) => {
    const receiver = receiverWith({ '*': () => undefined })
    const result = await receiver.receive(await signed(envelope({ created: at(offsetMs) })))
    expect(result.status).toBe(status)
    expect(reason ? JSON.parse(result.body).error : undefined).toBe(reason)
  })

  test('a replay is refused by its age once the store has forgotten it, never run twice', async () => {
    let now = Date.now()
    let runs = 0
    const store = createMemoryDedupeStore({ now: () => now })
    const receiver = receiverWith({ '*': () => void runs++ }, { dedupe: store, now: () => now })
    const captured = await signed(envelope({ created: new Date(now).toISOString() }))
    expect((await receiver.receive(captured)).outcome).toBe('handled')
    expect((await receiver.receive(captured)).outcome).toBe('duplicate')
    now += DEFAULT_MAX_DELIVERY_AGE_MS + 1
    const replayed = await receiver.receive(captured)
    expect([replayed.status, replayed.outcome, (replayed.error as { reason: string }).reason]).toEqual([
      400,
      'rejected',
      'stale_delivery',
    ])
    expect(runs).toBe(1)
  })

  test('maxDeliveryAgeMs: false accepts any age', async () => {
    const receiver = receiverWith({ '*': () => undefined }, { maxDeliveryAgeMs: false })
    const result = await receiver.receive(await signed(envelope({ created: '2019-08-24T14:15:22Z' })))
    expect(result.status).toBe(200)
  })
})
