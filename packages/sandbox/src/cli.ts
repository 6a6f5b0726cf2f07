// flexengage-sandbox: start | trigger | demo, each with its own --help.
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import { FlexEngageWebhooks, InvalidArgumentError } from '@flexengage/webhooks'
import { deliveryExamples, listedEventTypes } from '@flexengage/webhooks-types'
import { checkReceiver, formatCheck } from './check-receiver/index.js'
import { runDemo } from './demo.js'
import { DEFAULT_SANDBOX_TOKEN, type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js'

const [exampleType] = listedEventTypes
const exampleData = JSON.stringify(deliveryExamples[exampleType].data)

const START_USAGE = `flexengage-sandbox start: the API on 127.0.0.1, delivering signed events, with the inspector

Usage:
  flexengage-sandbox start [--port 4010] [--host 127.0.0.1] [--token T]... [--data FILE]
                           [--retry-window-ms 3600000] [--first-retry-delay-ms 30000] [--attempt-timeout-ms 10000]
                           [--allowed-host NAME]... [--forward-to URL --events TYPE,GROUP...] [--brand ACME]

  --data FILE         keep state (and the signing key) in FILE, an append-only journal; one sandbox per file
  --allowed-host NAME answer requests whose Host is NAME too (default: IP addresses and localhost only)
  --forward-to URL    make (or find) a webhook to URL for --events at start-up, for --brand

Examples:
  flexengage-sandbox start --data ./sandbox.journal
  flexengage-sandbox start --forward-to http://127.0.0.1:3000/webhooks --events NOTIFICATION,ORDER_EVENTS`

const TRIGGER_USAGE = `flexengage-sandbox trigger: create an event; every enabled webhook subscribed to its type gets it

Usage:
  flexengage-sandbox trigger --type TYPE [--data JSON] [--allow-invalid-data] [--brand ACME]
                             [--url http://127.0.0.1:4010] [--token T]

  A listed type's data must fit its payload schema (refused naming each field) unless --allow-invalid-data.

Example:
  flexengage-sandbox trigger --type ${exampleType} --data '${exampleData}'`

const DEMO_USAGE = `flexengage-sandbox demo: the whole lifecycle, locally; exits 0 when everything behaved

Usage:
  flexengage-sandbox demo [--keep-open]   (--keep-open leaves its sandbox and receiver running, until Ctrl-C)`

const CHECK_USAGE = `flexengage-sandbox check-receiver: check your webhook endpoint against what flexEngage sends

Usage:
  flexengage-sandbox check-receiver URL [--json] [--timeout-ms 10000] [--key-port 0]

  Sends genuine deliveries of every listed event type, a redelivery, non-canonical JSON, forged and
  tampered ones, untrusted and lookalike key URLs, a stale one, an unlisted type, a 10 MiB body and 20
  concurrent copies of one event; prints one row per case (PASS / WARN / FAIL) and each fix.
  Exit 1 when a case fails.

  Your receiver must trust the kit's key server as it trusts the local sandbox: keys served over http
  from 127.0.0.1 as a .pem path (this toolkit's receiver: trustLocalSandbox: true). Other stacks: allow
  http://127.0.0.1:PORT/...pem in development (--key-port fixes the port); the key URL is printed.

Example:
  flexengage-sandbox check-receiver http://127.0.0.1:3000/webhooks`

const USAGE = `flexengage-sandbox: a local flexEngage Webhooks API that really delivers signed events

Commands:
  start            serve the API and the inspector (/_sandbox/ui/; start prints its link, token in the fragment)
  trigger          create an event and deliver it
  demo             run the whole lifecycle once
  check-receiver   check your webhook endpoint: genuine, forged, stale, unknown, large and concurrent deliveries

Run flexengage-sandbox COMMAND --help for a command's options.
Exit codes: 0 success, 1 failure, 2 bad usage.`

function fail(message: string, code = 2): never {
  console.error(`flexengage-sandbox: ${message}`)
  process.exit(code)
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, got "${value}"`)
  return Number(value)
}

interface Forwarding {
  endpoint: string
  events: string[]
  brandId: string
}

/** `start`'s flags as sandbox options, and the webhook to forward to, if asked for. */
function startOptions(args: string[]): { options: SandboxOptions; forwarding: Forwarding | undefined } {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string', multiple: true },
      data: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'retry-window-ms': { type: 'string' },
      'first-retry-delay-ms': { type: 'string' },
      'attempt-timeout-ms': { type: 'string' },
      'forward-to': { type: 'string' },
      events: { type: 'string' },
      brand: { type: 'string', default: 'ACME' },
    },
  })
  const endpoint = values['forward-to']
  const events = values.events?.split(',').map((type) => type.trim())
  if (endpoint !== undefined && !events)
    fail('--forward-to needs --events, e.g. --events NOTIFICATION,ORDER_EVENTS')
  if (events && endpoint === undefined) fail('--events goes with --forward-to URL')
  const delivery = Object.fromEntries(
    Object.entries({
      retryWindowMs: positiveInteger('retry-window-ms', values['retry-window-ms']),
      firstRetryDelayMs: positiveInteger('first-retry-delay-ms', values['first-retry-delay-ms']),
      attemptTimeoutMs: positiveInteger('attempt-timeout-ms', values['attempt-timeout-ms']),
    }).filter(([, value]) => value !== undefined),
  )
  const options: SandboxOptions = {
    port: positiveInteger('port', values.port) ?? 4010,
    host: values.host,
    delivery,
    ...(values.token ? { tokens: values.token } : {}),
    ...(values.data ? { dataFile: values.data } : {}),
    ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'] } : {}),
  }
  const forwarding =
    endpoint !== undefined && events ? { endpoint, events, brandId: values.brand } : undefined
  return { options, forwarding }
}

/** Makes (or finds, enabling it) the forwarding webhook through the API, so it shows up and persists as any other. */
async function forward(sandbox: Sandbox, { endpoint, events, brandId }: Forwarding): Promise<string> {
  const fe = new FlexEngageWebhooks({ brandId, token: sandbox.tokens[0] as string, baseUrl: sandbox.url })
  try {
    const { webhook, action } = await fe.webhooks.ensure({ endpoint, events })
    return `\n  forwarding     ${webhook.events.join(', ')} -> ${webhook.endpoint} (webhook ${webhook.id}, ${action})`
  } catch (error) {
    await sandbox.close()
    if (error instanceof InvalidArgumentError) fail(`--forward-to/--events: ${error.message}`)
    fail(`could not create the forwarding webhook: ${String(error)}`, 1)
  }
}

function printBanner(sandbox: Sandbox, options: SandboxOptions, brandId: string, forwarding: string): void {
  console.log(`flexEngage sandbox listening on ${sandbox.url}
  inspector      ${sandbox.inspectorUrl(brandId)}
  API base URL   ${sandbox.url}
  bearer tokens  ${sandbox.tokens.join(', ')}
  signing key    ${sandbox.keyUrl}   (receivers: trustLocalSandbox: true)
  trigger        POST ${sandbox.url}/_sandbox/v1/{brandId}/events {"type": ..., "data": {...}}
  state          ${options.dataFile ? `persisted in ${options.dataFile}` : 'in memory'}${forwarding}
Note: flexEngage delivers to HTTPS endpoints only. This sandbox also accepts http:// endpoints, on loopback hosts only.`)
}

/** SIGINT/SIGTERM: in-flight deliveries finish, the state is saved, exit 0. */
function closeOnSignals(sandbox: Sandbox): void {
  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    console.log(`\n${signal}: finishing in-flight deliveries and saving state...`)
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`shutdown failed: ${String(error)}`, 1),
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

async function start(args: string[]) {
  const { options, forwarding } = startOptions(args)
  const sandbox = await startSandbox(options)
  const forwardingLine = forwarding ? await forward(sandbox, forwarding) : ''
  printBanner(sandbox, options, forwarding?.brandId ?? 'ACME', forwardingLine)
  closeOnSignals(sandbox)
}

interface TriggerAnswer {
  events?: Array<{ id: string; webhookId: string }>
  message?: string
  description?: string
  validations?: Record<string, string>
}

function triggerOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      type: { type: 'string' },
      data: { type: 'string', default: '{}' },
      brand: { type: 'string', default: 'ACME' },
      url: { type: 'string', default: process.env.FLEXENGAGE_SANDBOX_URL ?? 'http://127.0.0.1:4010' },
      token: { type: 'string', default: DEFAULT_SANDBOX_TOKEN },
      'allow-invalid-data': { type: 'boolean', default: false },
    },
  })
  if (!values.type) fail(`--type is required, e.g. --type ${exampleType}`)
  let data: unknown
  try {
    data = JSON.parse(values.data)
  } catch {
    fail(`--data must be JSON, got ${values.data}`)
  }
  return { ...values, type: values.type, data }
}

async function trigger(args: string[]) {
  const { type, data, brand, url, token, ...flags } = triggerOptions(args)
  const response = await fetch(`${url}/_sandbox/v1/${encodeURIComponent(brand)}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type, data, allowInvalidData: flags['allow-invalid-data'] }),
  }).catch((error: unknown) => fail(`cannot reach the sandbox at ${url}: ${String(error)}`, 1))
  const body = (await response.json()) as TriggerAnswer
  if (!response.ok) {
    const fields = Object.entries(body.validations ?? {}).map(
      ([field, problem]) => `\n  ${field}: ${problem}`,
    )
    const usage = response.status >= 400 && response.status < 500 && response.status !== 401
    fail(
      `the sandbox answered ${response.status}: ${body.description ?? body.message ?? ''}${fields.join('')}`,
      usage ? 2 : 1,
    )
  }
  const events = body.events ?? []
  console.log(
    events.length === 0
      ? `No enabled webhook of ${brand} subscribes to ${type}: nothing to deliver.`
      : events.map((event) => `event ${event.id} -> webhook ${event.webhookId}`).join('\n'),
  )
}

async function demo(args: string[]) {
  const { values } = parseArgs({ args, options: { 'keep-open': { type: 'boolean', default: false } } })
  const keepOpen = {
    beforeClose: async () => {
      console.log('\n--keep-open: the sandbox and the receiver keep running; Ctrl-C stops them.')
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')])
    },
  }
  const result = values['keep-open'] ? await runDemo(console.log, keepOpen) : await runDemo()
  process.exit(result.ok ? 0 : 1)
}

async function checkReceiverCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'timeout-ms': { type: 'string' },
      'key-port': { type: 'string' },
    },
  })
  const [url] = positionals
  if (!url || positionals.length > 1)
    fail(`check-receiver takes one URL, e.g. http://127.0.0.1:3000/webhooks\n\n${CHECK_USAGE}`)
  try {
    new URL(url)
  } catch {
    fail(`not a URL: ${url}`)
  }
  const timeoutMs = positiveInteger('timeout-ms', values['timeout-ms'])
  const keyPort = positiveInteger('key-port', values['key-port'])
  const check = await checkReceiver({
    url,
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(keyPort ? { keyPort } : {}),
  })
  console.log(values.json ? JSON.stringify(check, null, 2) : formatCheck(check))
  process.exit(check.passed ? 0 : 1)
}

const COMMANDS: Record<string, { usage: string; run: (args: string[]) => Promise<void> }> = {
  start: { usage: START_USAGE, run: start },
  trigger: { usage: TRIGGER_USAGE, run: trigger },
  demo: { usage: DEMO_USAGE, run: demo },
  'check-receiver': { usage: CHECK_USAGE, run: checkReceiverCommand },
}

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h'

const [name, ...rest] = process.argv.slice(2)
try {
  const command = name === undefined ? undefined : COMMANDS[name]
  if (name === undefined || name === 'help' || isHelp(name)) console.log(USAGE)
  else if (!command || !Object.hasOwn(COMMANDS, name)) fail(`unknown command "${name}"\n\n${USAGE}`)
  else if (rest.some(isHelp)) console.log(command.usage)
  else await command.run(rest)
} catch (error) {
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    fail(error.message)
  fail(error instanceof Error ? error.message : String(error), 1)
}
