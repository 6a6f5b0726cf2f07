// The battery: each case sends deliveries to the receiver under test and judges what came back. A
// receiver must accept every genuine delivery (2xx), refuse every forged or broken one with a 4xx
// (never 2xx, never 5xx: flexEngage retries a 5xx for an hour), and never run a handler twice.
import type { TestDelivery, TestSigner } from '@flexengage/webhooks/testing'
import { testEvent } from '@flexengage/webhooks/testing'
import { delivery, KEY_URL_HEADER, listedEventTypes, SIGNATURE_HEADER } from '@flexengage/webhooks-types'
import type { KeyServer } from './key-server.js'
import type { Answer } from './send.js'

export type Verdict = 'PASS' | 'WARN' | 'FAIL' | 'SKIP'

export interface CaseResult {
  id: string
  /** What was sent. */
  sent: string
  /** What came back: the status (or why there was none) and the time. */
  got: string
  verdict: Verdict
  /** For a FAIL or a WARN: the fix, in one sentence. */
  fix?: string
  /** The answers' statuses and times, for the latency row and for --json. */
  answers: Answer[]
}

/** What the cases send with: the trusted signer, a foreign one on an untrusted host, and the URL. */
export interface Kit {
  signer: TestSigner
  /** Signs with a key served on another loopback address (undefined when none could be bound). */
  foreign: { signer: TestSigner; server: KeyServer } | undefined
  send(signed: Pick<TestDelivery, 'body' | 'headers'>): Promise<Answer>
}

/** Past the 1 MiB any receiver should hold to, and past the 10 MiB the issue of large bodies starts at. */
export const OVERSIZED_BYTES = 10 * 1024 * 1024 + 1
/** A valid delivery answered slower than this is a WARN: work after answering, not before. */
export const SLOW_ANSWER_MS = 2_000
const DUPLICATES = 20

/** A type the spec does not list, under the group of one it does (as flexEngage adds them). */
export const UNLISTED_TYPE = `${listedEventTypes[0].split('.')[0]}.CHECK_RECEIVER_UNLISTED`

const got = (answer: Answer) =>
  answer.status ? `${answer.status} (${answer.ms} ms)` : `no answer: ${answer.failure}`
const is2xx = (answer: Answer) => answer.status !== undefined && answer.status >= 200 && answer.status < 300
const is4xx = (answer: Answer) => answer.status !== undefined && answer.status >= 400 && answer.status < 500

/** A genuine delivery: PASS on 2xx, else FAIL with `fix`. */
function accepted(id: string, sent: string, answer: Answer, fix: string): CaseResult {
  return {
    id,
    sent,
    got: got(answer),
    verdict: is2xx(answer) ? 'PASS' : 'FAIL',
    answers: [answer],
    ...(is2xx(answer) ? {} : { fix }),
  }
}

/** A delivery to refuse: PASS on 4xx; FAIL on 2xx with `fix`; FAIL on 5xx or no answer (never crash). */
function refused(id: string, sent: string, answer: Answer, fix: string): CaseResult {
  if (is4xx(answer)) return { id, sent, got: got(answer), verdict: 'PASS', answers: [answer] }
  const why = is2xx(answer)
    ? fix
    : 'answer a delivery you refuse with a 4xx, never a 5xx or a dropped connection: flexEngage retries those for an hour'
  return { id, sent, got: got(answer), verdict: 'FAIL', fix: why, answers: [answer] }
}

/** The headers with one removed. */
const without = (headers: Record<string, string>, name: string) =>
  Object.fromEntries(Object.entries(headers).filter(([header]) => header !== name))

async function genuineDeliveries(kit: Kit): Promise<{ rows: CaseResult[]; first: TestDelivery }> {
  const rows: CaseResult[] = []
  let first: TestDelivery | undefined
  for (const type of listedEventTypes) {
    const signed = await kit.signer.delivery(type)
    first ??= signed
    rows.push(
      accepted(
        `valid ${type}`,
        `a signed ${type} delivery, the spec's example`,
        await kit.send(signed),
        `accept every genuine delivery of ${type} with a 2xx`,
      ),
    )
  }
  const again = await kit.signer.sign({ ...(first as TestDelivery).event, attemptId: crypto.randomUUID() })
  rows.push(
    accepted(
      'redelivery',
      'the first event again: same id, new attemptId',
      await kit.send(again),
      'acknowledge a redelivery of an event already handled with a 2xx (and do not run its handler again)',
    ),
  )
  const event = testEvent(listedEventTypes[0])
  const spaced = `{ ${Object.entries(event)
    .reverse()
    .map(
      ([key, value]) =>
        `"${key}" :  ${JSON.stringify(value).replace(/[A-Z]/, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`,
    )
    .join(' ,\n ')} }`
  rows.push(
    accepted(
      'non-canonical JSON',
      'a genuine delivery with other whitespace, key order and \\u escapes, signed over those bytes',
      await kit.send(await kit.signer.sign(event, { body: spaced })),
      'verify the signature over the raw body bytes as received, not over JSON parsed and serialized again',
    ),
  )
  return { rows, first: first as TestDelivery }
}

async function forgedDeliveries(kit: Kit, genuine: TestDelivery): Promise<CaseResult[]> {
  const verify =
    'verify the signature (RSA SHA-256 over the raw body, key from the key URL) before trusting the delivery'
  const fresh = await kit.signer.delivery(listedEventTypes[0])
  const rows = [
    refused(
      'tampered body',
      'a genuine delivery with one byte of the body changed',
      await kit.send(kit.signer.tampered(fresh)),
      verify,
    ),
    refused(
      'garbage signature',
      `${SIGNATURE_HEADER} that is not Base64`,
      await kit.send({ ...fresh, headers: { ...fresh.headers, [SIGNATURE_HEADER]: 'not*base64!' } }),
      verify,
    ),
  ]
  for (const header of [SIGNATURE_HEADER, KEY_URL_HEADER]) {
    rows.push(
      refused(
        `missing ${header}`,
        `a delivery without ${header}`,
        await kit.send({ ...fresh, headers: without(fresh.headers, header) }),
        `refuse a delivery without ${header}`,
      ),
    )
  }
  if (kit.foreign) {
    const signedElsewhere = await kit.foreign.signer.sign({ ...genuine.event, id: crypto.randomUUID() })
    const otherKey = {
      ...signedElsewhere,
      headers: { ...signedElsewhere.headers, [KEY_URL_HEADER]: kit.signer.keyUrl },
    }
    rows.push(
      refused(
        'signed by another key',
        'a delivery naming the trusted key URL, signed with another key',
        await kit.send(otherKey),
        verify,
      ),
    )
  }
  return rows
}

/** A key URL case: refused, and a WARN when the receiver fetched the untrusted key at all. */
async function keyUrlCase(
  kit: Kit,
  id: string,
  sent: string,
  keyUrl: string,
  fix: string,
): Promise<CaseResult> {
  const foreign = kit.foreign as NonNullable<Kit['foreign']>
  const signed = await foreign.signer.sign(testEvent(listedEventTypes[0]))
  const before = foreign.server.hits
  const row = refused(
    id,
    sent,
    await kit.send({ ...signed, headers: { ...signed.headers, [KEY_URL_HEADER]: keyUrl } }),
    fix,
  )
  if (foreign.server.hits === before || row.verdict === 'FAIL') return row
  return {
    ...row,
    verdict: 'WARN',
    fix: 'check the key URL against your allowlist before fetching it: the key was fetched from a host you must not trust',
  }
}

async function keyUrlDeliveries(kit: Kit): Promise<CaseResult[]> {
  const allowlist = `trust keys only from ${Object.values(delivery.keyHosts).join(' and ')} over https (and your local sandbox in development)`
  if (!kit.foreign) {
    return [
      {
        id: 'untrusted key host',
        sent: 'a key URL on another loopback address',
        got: '-',
        verdict: 'SKIP',
        fix: 'this machine cannot bind 127.0.0.2',
        answers: [],
      },
    ]
  }
  const untrusted = new URL(kit.foreign.signer.keyUrl)
  const production = delivery.keyHosts.production
  return [
    await keyUrlCase(
      kit,
      'untrusted key host',
      `a key URL on ${untrusted.host}, served and signed by the kit's second key server`,
      untrusted.href,
      allowlist,
    ),
    await keyUrlCase(
      kit,
      'key URL with userinfo',
      `${untrusted.protocol}//${production}@${untrusted.host}${untrusted.pathname}`,
      `${untrusted.protocol}//${production}@${untrusted.host}${untrusted.pathname}`,
      allowlist,
    ),
    await keyUrlCase(
      kit,
      'key host in the path',
      `${untrusted.origin}/${production}${untrusted.pathname}`,
      `${untrusted.origin}/${production}${untrusted.pathname}`,
      allowlist,
    ),
    await keyUrlCase(
      kit,
      'lookalike key host',
      `https://${production}.evil.example/key.pem`,
      `https://${production}.evil.example/key.pem`,
      allowlist,
    ),
    await keyUrlCase(
      kit,
      'key URL over http',
      `http://${production}/key.pem`,
      `http://${production}/key.pem`,
      allowlist,
    ),
  ]
}

async function policyDeliveries(kit: Kit): Promise<CaseResult[]> {
  const staleAnswer = await kit.send(await kit.signer.stale(listedEventTypes[0]))
  const stale = refused('stale delivery', 'a genuine delivery created two days ago', staleAnswer, '')
  const staleRow: CaseResult = is2xx(staleAnswer)
    ? {
        ...stale,
        verdict: 'WARN',
        fix: 'refuse deliveries older than the retry window, so a captured one cannot be replayed (this toolkit: maxDeliveryAgeMs, 75 minutes by default)',
      }
    : stale
  const unlisted = accepted(
    'unlisted event type',
    `a genuine ${UNLISTED_TYPE} delivery, a type the spec does not list`,
    await kit.send(await kit.signer.delivery(UNLISTED_TYPE)),
    'acknowledge (2xx) event types you do not handle yet: flexEngage retries anything else for an hour',
  )
  return [staleRow, unlisted]
}

async function oversizedDeliveries(kit: Kit): Promise<CaseResult[]> {
  const huge = await kit.signer.delivery(UNLISTED_TYPE, { data: { padding: 'x'.repeat(OVERSIZED_BYTES) } })
  const answer = await kit.send(huge)
  const oversized = refused(
    'body over 10 MiB',
    `a genuine delivery of ${Math.round(huge.body.byteLength / 1024 / 1024)} MiB`,
    answer,
    'refuse bodies past a limit (413) while reading them: flexEngage payloads are small',
  )
  const next = accepted(
    'after the large body',
    'a genuine delivery right after it',
    await kit.send(await kit.signer.delivery(listedEventTypes[0])),
    'stay up after a large body: refuse it while reading instead of buffering it whole',
  )
  return [oversized, next]
}

async function concurrentDuplicates(kit: Kit): Promise<CaseResult> {
  const event = testEvent(listedEventTypes[0])
  const copies = await Promise.all(
    Array.from({ length: DUPLICATES }, () => kit.signer.sign({ ...event, attemptId: crypto.randomUUID() })),
  )
  const answers = await Promise.all(copies.map((copy) => kit.send(copy)))
  const ok = answers.every((answer) => is2xx(answer) || answer.status === 409)
  const counts = new Map<string, number>()
  for (const answer of answers) {
    const status = answer.status ? String(answer.status) : `no answer (${answer.failure})`
    counts.set(status, (counts.get(status) ?? 0) + 1)
  }
  return {
    id: 'concurrent duplicates',
    sent: `${DUPLICATES} deliveries of one event at once`,
    got: [...counts].map(([status, count]) => `${count}x ${status}`).join(', '),
    verdict: ok ? 'PASS' : 'FAIL',
    ...(ok
      ? {}
      : {
          fix: 'answer concurrent deliveries of one event with 2xx (or 409 while one is being handled), never 5xx: claim the event id atomically',
        }),
    answers,
  }
}

/** The median and worst time of the genuine deliveries answered 2xx. */
function latency(rows: CaseResult[]): CaseResult {
  const times = rows
    .filter((row) => !['body over 10 MiB', 'concurrent duplicates'].includes(row.id))
    .flatMap((row) => row.answers.filter(is2xx).map((answer) => answer.ms))
    .sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)] ?? 0
  const worst = times.at(-1) ?? 0
  const slow = worst > SLOW_ANSWER_MS
  return {
    id: 'latency',
    sent: `the ${times.length} genuine deliveries answered 2xx`,
    got: `median ${median} ms, worst ${worst} ms`,
    verdict: slow ? 'WARN' : 'PASS',
    ...(slow
      ? { fix: `answer within ${SLOW_ANSWER_MS} ms: acknowledge first, do slow work afterwards (a queue)` }
      : {}),
    answers: [],
  }
}

/** Every case, in order; the latency row last. */
export async function runCases(kit: Kit): Promise<CaseResult[]> {
  const { rows: genuine, first } = await genuineDeliveries(kit)
  const rows = [
    ...genuine,
    ...(await forgedDeliveries(kit, first)),
    ...(await keyUrlDeliveries(kit)),
    ...(await policyDeliveries(kit)),
    ...(await oversizedDeliveries(kit)),
    await concurrentDuplicates(kit),
  ]
  return [...rows, latency(rows)]
}
