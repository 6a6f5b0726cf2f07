// flexengage-sandbox: start | trigger | demo
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import { FlexEngageWebhooks, InvalidArgumentError } from '@flexengage/webhooks'
import { deliveryExamples, listedEventTypes } from '@flexengage/webhooks-types'
import { runDemo } from './demo.js'
import { DEFAULT_SANDBOX_TOKEN, startSandbox } from './sandbox.js'

const [exampleType] = listedEventTypes
const exampleData = JSON.stringify(deliveryExamples[exampleType].data)

const USAGE = `flexengage-sandbox: a local flexEngage Webhooks API that really delivers signed events

Usage:
  flexengage-sandbox start   [--port 4010] [--host 127.0.0.1] [--token T]... [--data FILE]
                             [--retry-window-ms 3600000] [--first-retry-delay-ms 30000] [--attempt-timeout-ms 10000]
                             [--forward-to URL --events TYPE,GROUP...] [--brand ACME]
  flexengage-sandbox trigger --type TYPE [--data JSON] [--allow-invalid-data] [--brand ACME]
                             [--url http://127.0.0.1:4010] [--token T]
  flexengage-sandbox demo    [--keep-open]   (the whole lifecycle, locally; exits 0 when everything behaved;
                             --keep-open leaves its sandbox and receiver running for a look, until Ctrl-C)

The inspector (webhooks, live events, every attempt, resend, trigger) is served at /_sandbox/ui/;
start prints its link, with the token in the link's fragment.

Examples:
  flexengage-sandbox start --data ./sandbox.json
  flexengage-sandbox start --forward-to http://127.0.0.1:3000/webhooks --events NOTIFICATION,ORDER_EVENTS
  flexengage-sandbox trigger --type ${exampleType} --data '${exampleData}'

Exit codes: 0 success, 1 failure, 2 bad usage.`

function fail(message: string, code = 2): never {
  console.error(`flexengage-sandbox: ${message}`)
  process.exit(code)
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number of milliseconds, got "${value}"`)
  return Number(value)
}

async function start(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string', multiple: true },
      data: { type: 'string' },
      'retry-window-ms': { type: 'string' },
      'first-retry-delay-ms': { type: 'string' },
      'attempt-timeout-ms': { type: 'string' },
      'forward-to': { type: 'string' },
      events: { type: 'string' },
      brand: { type: 'string', default: 'ACME' },
    },
  })
  const forwardTo = values['forward-to']
  const events = values.events?.split(',').map((type) => type.trim())
  if (forwardTo !== undefined && !events)
    fail('--forward-to needs --events, e.g. --events NOTIFICATION,ORDER_EVENTS')
  if (events && forwardTo === undefined) fail('--events goes with --forward-to URL')
  const delivery = Object.fromEntries(
    Object.entries({
      retryWindowMs: positiveInteger('retry-window-ms', values['retry-window-ms']),
      firstRetryDelayMs: positiveInteger('first-retry-delay-ms', values['first-retry-delay-ms']),
      attemptTimeoutMs: positiveInteger('attempt-timeout-ms', values['attempt-timeout-ms']),
    }).filter(([, v]) => v !== undefined),
  )
  const sandbox = await startSandbox({
    port: positiveInteger('port', values.port) ?? 4010,
    host: values.host,
    ...(values.token ? { tokens: values.token } : {}),
    ...(values.data ? { dataFile: values.data } : {}),
    delivery,
  })
  let forwarding = ''
  if (forwardTo !== undefined && events) {
    // The webhook is made through the API like any other, so it shows up (and persists) as one.
    const fe = new FlexEngageWebhooks({
      brandId: values.brand,
      token: sandbox.tokens[0] as string,
      baseUrl: sandbox.url,
    })
    try {
      const { webhook, action } = await fe.webhooks.ensure({ endpoint: forwardTo, events })
      forwarding = `\n  forwarding     ${webhook.events.join(', ')} -> ${webhook.endpoint} (webhook ${webhook.id}, ${action})`
    } catch (error) {
      await sandbox.close()
      if (error instanceof InvalidArgumentError) fail(`--forward-to/--events: ${error.message}`)
      fail(`could not create the forwarding webhook: ${String(error)}`, 1)
    }
  }
  console.log(`flexEngage sandbox listening on ${sandbox.url}
  inspector      ${sandbox.inspectorUrl(values.brand)}
  API base URL   ${sandbox.url}
  bearer tokens  ${sandbox.tokens.join(', ')}
  signing key    ${sandbox.keyUrl}   (receivers: trustLocalSandbox: true)
  trigger        POST ${sandbox.url}/_sandbox/v1/{brandId}/events {"type": ..., "data": {...}}
  state          ${values.data ? `persisted in ${values.data}` : 'in memory'}${forwarding}
Note: flexEngage delivers to HTTPS endpoints only. This sandbox also accepts http:// endpoints, on loopback hosts only.`)
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

async function trigger(args: string[]) {
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
  const response = await fetch(`${values.url}/_sandbox/v1/${encodeURIComponent(values.brand)}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${values.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: values.type, data, allowInvalidData: values['allow-invalid-data'] }),
  }).catch((error: unknown) => fail(`cannot reach the sandbox at ${values.url}: ${String(error)}`, 1))
  const body = (await response.json()) as {
    events?: Array<{ id: string; webhookId: string }>
    message?: string
    description?: string
    validations?: Record<string, string>
  }
  const fields = Object.entries(body.validations ?? {}).map(([field, problem]) => `\n  ${field}: ${problem}`)
  if (!response.ok)
    fail(
      `the sandbox answered ${response.status}: ${body.description ?? body.message ?? ''}${fields.join('')}`,
      response.status >= 400 && response.status < 500 && response.status !== 401 ? 2 : 1,
    )
  const events = body.events ?? []
  console.log(
    events.length === 0
      ? `No enabled webhook of ${values.brand} subscribes to ${values.type}: nothing to deliver.`
      : events.map((e) => `event ${e.id} -> webhook ${e.webhookId}`).join('\n'),
  )
}

function demo(args: string[]) {
  const { values } = parseArgs({ args, options: { 'keep-open': { type: 'boolean', default: false } } })
  if (!values['keep-open']) return runDemo()
  return runDemo(console.log, {
    beforeClose: async () => {
      console.log('\n--keep-open: the sandbox and the receiver keep running; Ctrl-C stops them.')
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')])
    },
  })
}

const [command, ...rest] = process.argv.slice(2)
try {
  if (command === 'start') await start(rest)
  else if (command === 'trigger') await trigger(rest)
  else if (command === 'demo') process.exit((await demo(rest)).ok ? 0 : 1)
  else if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    console.log(USAGE)
  else fail(`unknown command "${command}"\n\n${USAGE}`)
} catch (error) {
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    fail(error.message)
  fail(error instanceof Error ? error.message : String(error), 1)
}
