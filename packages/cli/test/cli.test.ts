// End to end: every command against the sandbox, spawned as a real process; a receiver outage and
// retry-failed; apply's idempotence; bad input; the token never printed; the progress bar on a TTY.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '@flexengage/tools/free-port'
import { dieWithParentScript } from '@flexengage/tools/paths'
import { deliveryExamples, isListedEventType } from '@flexengage/webhooks-types'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const sandboxCli = fileURLToPath(
  new URL('../node_modules/@flexengage/webhooks-sandbox/dist/cli.js', import.meta.url),
)
const TOKEN = 'sandbox-token'
const scratch = mkdtempSync(join(tmpdir(), 'cli-test-'))
let sandbox: ChildProcess
let sandboxUrl: string

interface Run {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs the CLI. `readyWhen`, if given, is checked against stderr as it arrives; `ready` resolves the
 * first time it holds (or when the process exits, so a test never waits on a dead process).
 */
function run(
  args: string[],
  env: Record<string, string> = {},
  readyWhen?: (stderr: string) => boolean,
): Promise<Run> & { ready: Promise<void> } {
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  const result = new Promise<Run>((resolve) => {
    const child = execFile(
      process.execPath,
      [cli, ...args],
      {
        env: {
          ...process.env,
          FLEXENGAGE_TOKEN: TOKEN,
          FLEXENGAGE_BRAND_ID: 'ACME',
          FLEXENGAGE_BASE_URL: sandboxUrl,
          ...env,
        },
      },
      (error, stdout, stderr) => {
        markReady()
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
      },
    )
    let stderrSoFar = ''
    child.stderr?.on('data', (chunk) => {
      stderrSoFar += chunk
      if (readyWhen?.(stderrSoFar)) markReady()
    })
  })
  return Object.assign(result, { ready })
}

async function json<T>(args: string[]): Promise<T> {
  const result = await run([...args, '--json'])
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as T
}

/** Waits for a condition; the deadline is only a safety net for a broken build, never the expectation. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A receiver that can be "down" (answers 503) and counts successful deliveries per event id. */
async function startReceiver() {
  const delivered = new Map<string, number>()
  const state = { down: false }
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (c) => chunks.push(c))
    request.on('end', () => {
      if (state.down) {
        response.statusCode = 503
        return response.end('down for maintenance')
      }
      const { id } = JSON.parse(Buffer.concat(chunks).toString()) as { id: string }
      delivered.set(id, (delivered.get(id) ?? 0) + 1)
      response.end('{"ok":true}')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    state,
    delivered,
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: () => server.close(),
  }
}

/** Triggers an event: a listed type with the spec's example data, any other with a small object. */
async function trigger(type: string) {
  const data = isListedEventType(type) ? deliveryExamples[type].data : { n: 1 }
  const response = await fetch(`${sandboxUrl}/_sandbox/v1/ACME/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type, data }),
  })
  return ((await response.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id)
}

beforeAll(async () => {
  const port = await freePort()
  sandboxUrl = `http://127.0.0.1:${port}`
  // Wrapped so that the sandbox ends with this test process even if the runner is killed.
  sandbox = spawn(
    process.execPath,
    [
      dieWithParentScript,
      process.execPath,
      sandboxCli,
      'start',
      '--port',
      String(port),
      '--first-retry-delay-ms',
      '50',
      '--retry-window-ms',
      '200',
    ],
    { stdio: ['pipe', 'ignore', 'ignore'] },
  )
  await eventually(() =>
    fetch(`${sandboxUrl}/_sandbox/health`).then(
      (r) => r.ok,
      () => false,
    ),
  )
})

afterAll(async () => {
  sandbox.kill('SIGTERM')
  if (sandbox.exitCode === null) await once(sandbox, 'exit')
  rmSync(scratch, { recursive: true, force: true })
})

describe('webhooks', () => {
  test('create, list, get, ensure, disable, enable, delete: tables by default, --json for scripts', async () => {
    const created = await json<Array<{ id: string; enabled: boolean }>>([
      'webhooks',
      'create',
      '--endpoint',
      'https://example.com/a',
      '--events',
      'NOTIFICATION.SMS,ORDER_EVENTS',
    ])
    const id = created[0]?.id as string
    expect(created[0]?.enabled).toBe(true)
    const listed = await run(['webhooks', 'list'])
    expect(listed.stdout).toMatch(
      new RegExp(
        `^id\\s+enabled\\s+endpoint\\s+events\\s+updated\\n[- ]+\\n${id}\\s+yes\\s+https://example.com/a\\s+NOTIFICATION.SMS,ORDER_EVENTS`,
      ),
    )
    expect((await json<Array<{ id: string }>>(['webhooks', 'get', id]))[0]?.id).toBe(id)
    expect(
      (
        await json<{ action: string }>([
          'webhooks',
          'ensure',
          '--endpoint',
          'https://example.com/a',
          '--events',
          'ORDER_EVENTS,NOTIFICATION.SMS',
        ])
      ).action,
    ).toBe('unchanged')
    expect((await json<Array<{ enabled: boolean }>>(['webhooks', 'disable', id]))[0]?.enabled).toBe(false)
    expect(
      (
        await run([
          'webhooks',
          'ensure',
          '--endpoint',
          'https://example.com/a',
          '--events',
          'ORDER_EVENTS,NOTIFICATION.SMS',
        ])
      ).stdout,
    ).toBe(`enabled: ${id}\n`)
    expect((await run(['webhooks', 'disable', id])).code).toBe(0)
    expect((await json<Array<{ enabled: boolean }>>(['webhooks', 'enable', id]))[0]?.enabled).toBe(true)
    expect((await run(['webhooks', 'delete', id])).stdout).toBe(`deleted ${id}\n`)
    const gone = await run(['webhooks', 'get', id])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/answered 404/)
    expect(gone.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('events and a receiver outage', () => {
  test('list, get, tail; retry-failed re-delivers every failed event exactly once', async () => {
    const receiver = await startReceiver()
    const [hook] = await json<Array<{ id: string }>>([
      'webhooks',
      'create',
      '--endpoint',
      receiver.endpoint,
      '--events',
      'NOTIFICATION',
    ])
    const id = hook?.id as string

    const delivered = await trigger('NOTIFICATION.SMS.RECEIPT')
    await eventually(async () => receiver.delivered.size === 1)
    receiver.state.down = true
    const failed: string[] = []
    for (let i = 0; i < 5; i++) failed.push(...(await trigger('NOTIFICATION.SMS.RECEIPT')))
    await eventually(async () => {
      const events = await json<Array<{ status: string }>>(['events', 'list', id, '--status', 'FAILURE'])
      return events.length === 5
    })

    const all = await json<Array<{ id: string; status: string }>>(['events', 'list', id, '--since', '1h'])
    expect(all.map((e) => e.id)).toEqual([...delivered, ...failed])
    expect((await json<unknown[]>(['events', 'list', id, '--until', '2000-01-01T00:00:00Z'])).length).toBe(0)
    expect((await json<unknown[]>(['events', 'list', id, '--limit', '2'])).length).toBe(2)

    const shown = await run(['events', 'get', id, failed[0] as string])
    expect(shown.stdout).toMatch(/#\s+attempt\s+created\s+status\s+http\s+time\s+response body/)
    expect(shown.stdout).toMatch(/FAILURE\s+503\s+\d+ ms\s+down for maintenance/)

    const dryRun = await json<{ wouldRetry: string[] }>([
      'events',
      'retry-failed',
      id,
      '--since',
      '1h',
      '--dry-run',
    ])
    expect(dryRun.wouldRetry.sort()).toEqual([...failed].sort())

    receiver.state.down = false
    const retried = await run(['events', 'retry-failed', id, '--since', '1h', '--concurrency', '2'])
    expect(retried.code, retried.stderr).toBe(0)
    expect(retried.stdout).toContain('re-sent 5 of 5 failed event(s) (6 scanned); 0 could not be re-sent')
    expect(retried.stderr).toMatch(/^progress: 5\/5 re-sent, 0 failed, 6 scanned$/m)
    // Settled: every re-sent attempt has its outcome, so no delivery is still on its way.
    await eventually(async () => {
      const details = await Promise.all(
        failed.map((e) =>
          json<{ status: string; attempts: Array<{ status: string }> }>(['events', 'get', id, e]),
        ),
      )
      return details.every((d) => d.status === 'SUCCESS' && d.attempts.every((a) => a.status !== 'PENDING'))
    })
    expect(failed.map((e) => receiver.delivered.get(e))).toEqual([1, 1, 1, 1, 1])
    expect(receiver.delivered.get(delivered[0] as string)).toBe(1)

    // tail follows new events through the cursor; events triggered once it says it follows are shown
    const tail = run(
      ['events', 'tail', id, '--interval', '100', '--max-events', '2', '--json'],
      {},
      (stderr) => stderr.includes('following new events'),
    )
    await tail.ready
    const fresh = [...(await trigger('NOTIFICATION.A')), ...(await trigger('NOTIFICATION.B'))]
    const tailed = await tail
    expect(tailed.code, tailed.stderr).toBe(0)
    expect(
      tailed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual(fresh)
    receiver.close()
  })
})

describe('apply', () => {
  test('creates, enables/disables to match, reports extras; a second run changes nothing; --prune deletes', async () => {
    const before = await json<Array<{ id: string }>>(['webhooks', 'list'])
    for (const webhook of before) await run(['webhooks', 'delete', webhook.id])
    const file = join(scratch, 'webhooks.yaml')
    writeFileSync(
      file,
      'webhooks:\n  - endpoint: https://example.com/orders\n    events: [ORDER_EVENTS.OMS]\n  - endpoint: https://example.com/sms\n    events: [NOTIFICATION.SMS]\n    enabled: false\n',
    )
    const first = await json<{ changes: number; actions: Array<{ action: string }> }>(['apply', file])
    expect(first.actions.map((a) => a.action)).toEqual(['created', 'created'])
    const second = await json<{ changes: number; actions: Array<{ action: string }> }>(['apply', file])
    expect(second).toMatchObject({ changes: 0 })
    expect(second.actions.map((a) => a.action)).toEqual(['unchanged', 'unchanged'])

    const [extra] = await json<Array<{ id: string }>>([
      'webhooks',
      'create',
      '--endpoint',
      'https://example.com/extra',
      '--events',
      'NOTIFICATION',
    ])
    const sms = (await json<Array<{ id: string; endpoint: string }>>(['webhooks', 'list'])).find(
      (w) => w.endpoint === 'https://example.com/sms',
    )
    await run(['webhooks', 'enable', sms?.id as string])
    const third = await run(['apply', file])
    expect(third.stdout).toMatch(/disabled\s+\S+\s+https:\/\/example.com\/sms/)
    expect(third.stdout).toMatch(/extra\s+\S+\s+https:\/\/example.com\/extra/)
    expect(third.stdout).toContain('1 change(s); extras kept (use --prune to delete them)')
    const pruned = await json<{ actions: Array<{ action: string; id?: string }> }>(['apply', file, '--prune'])
    expect(pruned.actions.find((a) => a.id === extra?.id)?.action).toBe('deleted')
    expect((await json<unknown[]>(['webhooks', 'list'])).length).toBe(2)
  })
})

describe('bad input: one line, exit code 2, nothing sent', () => {
  let requests = 0
  let counting: Server
  let countingUrl = ''
  beforeAll(async () => {
    counting = createServer((_, response) => {
      requests++
      response.end('[]')
    })
    counting.listen(0, '127.0.0.1')
    await once(counting, 'listening')
    countingUrl = `http://127.0.0.1:${(counting.address() as AddressInfo).port}`
  })
  afterAll(() => counting.close())

  const garbage = join(scratch, 'garbage.yaml')
  const wrongShape = join(scratch, 'wrong.json')
  const unknownField = join(scratch, 'unknown-field.yaml')
  const badValue = join(scratch, 'bad-value.yaml')
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown flag', ['webhooks', 'list', '--colour'], /Unknown option '--colour'/],
    ['an unknown command', ['webhooks', 'frobnicate'], /unknown command "webhooks frobnicate"/],
    ['a non-uuid id', ['webhooks', 'get', 'abc'], /\bid must be a UUID/],
    [
      'a non-uuid event id',
      ['events', 'get', '3fa85f64-5717-4562-b3fc-2c963f66afa6', 'evt'],
      /\beventId must be a UUID/,
    ],
    [
      'a malformed date',
      ['events', 'list', '3fa85f64-5717-4562-b3fc-2c963f66afa6', '--since', 'yesterday'],
      /--since must be an ISO date-time/,
    ],
    [
      'since after until',
      [
        'events',
        'retry-failed',
        '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        '--since',
        '2024-02-01T00:00:00Z',
        '--until',
        '2024-01-01T00:00:00Z',
      ],
      /--since must not be after --until/,
    ],
    [
      'retry-failed without --since',
      ['events', 'retry-failed', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
      /--since is required/,
    ],
    [
      'a concurrency of zero',
      [
        'events',
        'retry-failed',
        '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        '--since',
        '1h',
        '--concurrency',
        '0',
      ],
      /--concurrency must be a positive whole number/,
    ],
    [
      'create with an http endpoint',
      ['webhooks', 'create', '--endpoint', 'http://example.com/x', '--events', 'NOTIFICATION'],
      /endpoint must use https/,
    ],
    [
      'create with a malformed event type',
      ['webhooks', 'create', '--endpoint', 'https://example.com/x', '--events', 'sms'],
      /events\[0\] must be a dot-separated upper-case event type/,
    ],
    ['a file that does not parse', ['apply', garbage], /is not valid JSON or YAML/],
    ['a file of the wrong shape', ['apply', wrongShape], /must have a "webhooks" list/],
    [
      'a field the spec does not know, named with its line',
      ['apply', unknownField],
      /unknown-field\.yaml:5: webhooks\[1\]\.colour is not a field of the spec's create request/,
    ],
    [
      'a value the spec refuses, named with its line',
      ['apply', badValue],
      /bad-value\.yaml:3: webhooks\[0\]\.events\[1\] must be a dot-separated upper-case event type/,
    ],
    ['no token', ['webhooks', 'list', '--token', ''], /no token: set FLEXENGAGE_TOKEN or pass --token/],
  ]

  test.each(cases)('%s', async (_, args, message) => {
    writeFileSync(garbage, 'webhooks: [unclosed\n  - : :')
    writeFileSync(wrongShape, '{"hooks": []}')
    writeFileSync(
      unknownField,
      'webhooks:\n  - endpoint: https://example.com/a\n    events: [NOTIFICATION]\n  - endpoint: https://example.com/b\n    colour: blue\n    events: [NOTIFICATION]\n',
    )
    writeFileSync(
      badValue,
      'webhooks:\n  - endpoint: https://example.com/a\n    events: [NOTIFICATION, sms]\n',
    )
    const result = await run(args, {
      FLEXENGAGE_BASE_URL: countingUrl,
      ...(args.includes('--token') ? { FLEXENGAGE_TOKEN: '' } : {}),
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(requests).toBe(0)
  })

  test('--help with an example for every command', async () => {
    for (const command of [
      'webhooks list',
      'webhooks get',
      'webhooks create',
      'webhooks ensure',
      'webhooks enable',
      'webhooks disable',
      'webhooks delete',
      'events list',
      'events get',
      'events tail',
      'events retry-failed',
      'apply',
    ]) {
      const result = await run([...command.split(' '), '--help'])
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('Example:')
    }
    expect((await run(['--help'])).stdout).toContain('Exit codes:')
  })
})

test('the token is never printed, not even with --verbose', async () => {
  const secret = 'sk_live_do-not-print-me'
  const result = await run(['webhooks', 'list', '--verbose', '--token', secret])
  expect(result.stderr).toMatch(/> GET http:\/\/127\.0\.0\.1:\d+\/v1\/ACME\/webhooks/)
  expect(result.stdout + result.stderr).not.toContain(secret)
  expect(result.code).toBe(1) // the sandbox does not know this token: 401
})

test('on a terminal (a pseudo-terminal from script(1)), retry-failed draws a progress bar', async () => {
  const receiver = await startReceiver()
  receiver.state.down = true
  const [hook] = await json<Array<{ id: string }>>([
    'webhooks',
    'create',
    '--endpoint',
    receiver.endpoint,
    '--events',
    'ORDER_EVENTS',
  ])
  const id = hook?.id as string
  for (let i = 0; i < 3; i++) await trigger('ORDER_EVENTS.OMS.ORDER_CREATED')
  await eventually(
    async () => (await json<unknown[]>(['events', 'list', id, '--status', 'FAILURE'])).length === 3,
  )
  receiver.state.down = false

  const command = [process.execPath, cli, 'events', 'retry-failed', id, '--since', '1h']
    .map((a) => `'${a}'`)
    .join(' ')
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      'script',
      ['--quiet', '--return', '--command', command, '/dev/null'],
      {
        env: {
          ...process.env,
          FLEXENGAGE_TOKEN: TOKEN,
          FLEXENGAGE_BRAND_ID: 'ACME',
          FLEXENGAGE_BASE_URL: sandboxUrl,
          TERM: 'xterm',
        },
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    )
  })
  // Redrawn in place with carriage returns, ending full.
  expect(output).toContain('\r[')
  expect(output).toContain('[########################] 3/3 re-sent, 0 failed')
  expect(output).not.toContain('progress: ')
  expect(output).toContain('re-sent 3 of 3 failed event(s)')
  receiver.close()
})
