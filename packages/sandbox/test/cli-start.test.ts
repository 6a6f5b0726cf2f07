// `flexengage-sandbox start --forward-to URL --events TYPES`: one command makes (or finds) the
// webhook and prints the inspector link; events triggered afterwards reach the receiver, signed.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { deliveryExamples, listedEventTypes } from '@flexengage/webhooks-types'
import { afterAll, expect, test } from 'vitest'
import { BRAND, eventually, startReceiver, trigger } from './helpers.js'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const cleanups: Array<() => unknown> = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** Starts the CLI and resolves with its start-up lines, once the banner's last line is out. */
async function start(args: string[]) {
  const child = spawn(process.execPath, [cli, 'start', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  })
  const lines: string[] = []
  for await (const line of createInterface({ input: child.stdout })) {
    lines.push(line)
    if (line.startsWith('Note:')) break
  }
  const field = (name: string) =>
    lines
      .find((line) => line.trim().startsWith(name))
      ?.trim()
      .slice(name.length)
      .trim()
  return { lines, field }
}

test('--forward-to with --events makes the webhook, prints the inspector link, and delivers', async () => {
  const receiver = await startReceiver()
  cleanups.push(() => receiver.close())
  const [eventType] = listedEventTypes
  const { data } = deliveryExamples[eventType]
  const group = eventType.split('.')[0] as string
  const first = await start(['--forward-to', receiver.endpoint, '--events', group])
  expect(first.field('forwarding')).toMatch(
    new RegExp(`^${group} -> ${receiver.endpoint} \\(webhook [0-9a-f-]+, created\\)$`),
  )
  const inspector = new URL(first.field('inspector') as string)
  expect(inspector.pathname).toBe('/_sandbox/ui/')
  expect(new URLSearchParams(inspector.hash.slice(1)).get('token')).toBe('sandbox-token')
  expect((await fetch(inspector)).status).toBe(200)

  const sandbox = { url: inspector.origin }
  const { status, body } = await trigger(sandbox, eventType, data)
  expect(status).toBe(202)
  await eventually(() => receiver.handled.length === 1)
  expect(receiver.handled[0]?.id).toBe(body.events?.[0]?.id)
  expect(receiver.handled[0]?.data).toEqual(data)
})

test('--forward-to without --events, or with an endpoint the API refuses, is bad usage (exit 2)', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [cli, 'start', '--port', '0', ...args], { encoding: 'utf8' })
  const noEvents = run(['--forward-to', 'http://127.0.0.1:1/hooks'])
  expect([noEvents.status, noEvents.stderr]).toEqual([
    2,
    expect.stringContaining('--forward-to needs --events'),
  ])
  const insecure = run([
    '--forward-to',
    'http://example.com/hooks',
    '--events',
    'NOTIFICATION',
    '--brand',
    BRAND,
  ])
  expect([insecure.status, insecure.stderr]).toEqual([2, expect.stringContaining('must use https')])
})

test('every command answers --help with its own options; an unknown command is bad usage', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' })
  for (const [command, option] of [
    ['start', '--allowed-host'],
    ['trigger', '--allow-invalid-data'],
    ['demo', '--keep-open'],
  ] as const) {
    const help = run(command, '--help')
    expect(help.status).toBe(0)
    expect(help.stdout).toContain(`flexengage-sandbox ${command}`)
    expect(help.stdout).toContain(option)
  }
  const overview = run('--help')
  expect(overview.stdout).toContain('flexengage-sandbox COMMAND --help')
  const unknown = run('serve')
  expect(unknown.status).toBe(2)
  expect(unknown.stderr).toContain('unknown command "serve"')
})
