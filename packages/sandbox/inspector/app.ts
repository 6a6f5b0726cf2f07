// The inspector page: webhooks, a live list of events (the brand's newest first, older pages on
// demand), each event's attempts with their signature marks, and the actions (toggle, delete,
// resend, resend failed, trigger). The API is read through the project's own client, same-origin,
// with the sandbox token; the page re-reads what it shows whenever the change stream says so.
import {
  FlexEngageWebhooks,
  type Webhook,
  type WebhookEvent,
  type WebhookEventDetail,
} from '@flexengage/webhooks'

interface AttemptSignature {
  attemptId: string
  verified: boolean
  reason?: string
}

/** One row of the sandbox's recent-events feed. */
interface ListedEvent extends WebhookEvent {
  webhookId: string
  position: number
}

const TOKEN_KEY = 'flexengage-sandbox-token'
/** Events per page of the feed: the page shows the newest page, then one more per "Load older". */
const PAGE_SIZE = 100

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

/** An element with text children only: event data is never parsed as HTML. */
function h(tag: string, attributes: Record<string, string> = {}, ...children: Array<Node | string>) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  element.append(...children)
  return element
}

function button(label: string, testId: string, action: () => PromiseLike<unknown>) {
  const element = h('button', { type: 'button', 'data-testid': testId }, label) as HTMLButtonElement
  element.addEventListener('click', () => {
    element.disabled = true
    Promise.resolve(action())
      .catch(showError)
      .finally(() => {
        element.disabled = false
      })
  })
  return element
}

/** One line in the header says what the last action did, or why it failed. */
function notify(message: string, kind: 'done' | 'error' = 'done') {
  $('notice').textContent = message
  $('notice').className = kind
}

const showError = (error: unknown) => notify(error instanceof Error ? error.message : String(error), 'error')

// The token comes from the start-up link's fragment (never sent to a server) or from the form.
const fragment = new URLSearchParams(location.hash.slice(1))
if (fragment.has('token')) sessionStorage.setItem(TOKEN_KEY, fragment.get('token') as string)
history.replaceState(null, '', location.pathname)
let token = sessionStorage.getItem(TOKEN_KEY) ?? ''
let brandId = fragment.get('brand') ?? 'ACME'
// Made once a token is known (the client refuses an empty one), again when the brand changes.
const client = () => new FlexEngageWebhooks({ brandId, token, baseUrl: location.origin })
let fe: FlexEngageWebhooks

const state = {
  webhooks: [] as Webhook[],
  events: [] as ListedEvent[],
  /** Pages of the feed shown; `older` is where the next one starts (null: nothing older). */
  pages: 1,
  older: null as number | null,
  /** Every status the brand's events have (the set is open), for the status filter. */
  statuses: [] as string[],
  selected: undefined as { webhookId: string; eventId: string } | undefined,
}

async function sandboxGet<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } })
  if (response.status === 401) signIn('The sandbox refused this token.')
  if (!response.ok) throw new Error(`${path}: ${response.status}`)
  return (await response.json()) as T
}

function renderWebhooks() {
  const rows = state.webhooks.map((webhook) => {
    const toggle = h('input', { type: 'checkbox', 'data-testid': 'webhook-enabled' }) as HTMLInputElement
    toggle.checked = webhook.enabled
    toggle.addEventListener('change', () =>
      (toggle.checked ? fe.webhooks.enable(webhook.id) : fe.webhooks.disable(webhook.id)).catch(showError),
    )
    return h(
      'tr',
      { 'data-webhook': webhook.id },
      h('td', {}, webhook.endpoint),
      h('td', {}, webhook.events.join(', ')),
      h('td', {}, toggle),
      h(
        'td',
        {},
        button('Resend failed', 'resend-failed', async () => {
          const result = await fe.webhooks.events.retryFailed(webhook.id)
          notify(`re-sent ${result.retried} failed event(s) of ${webhook.endpoint}`)
        }),
        ' ',
        button('Delete', 'delete-webhook', () => fe.webhooks.delete(webhook.id)),
        ' ',
        button('Check receiver', 'check-receiver', () => checkReceiver(webhook)),
      ),
    )
  })
  $('webhooks').replaceChildren(...rows)
}

/** A filter's choices from what the sandbox holds now (`[value, label]`), keeping the one chosen. */
function fillFilter(id: string, everything: string, choices: Array<[string, string]>) {
  const filter = $<HTMLSelectElement>(id)
  const chosen = filter.value
  filter.replaceChildren(
    h('option', { value: '' }, everything),
    ...choices.map(([value, label]) => h('option', { value }, label)),
  )
  filter.value = choices.some(([value]) => value === chosen) ? chosen : ''
}

/** Webhooks by endpoint; statuses as the events have them (the set is open), never a fixed list. */
function fillFilters() {
  fillFilter(
    'filter-webhook',
    'every webhook',
    state.webhooks.map((webhook) => [webhook.id, webhook.endpoint]),
  )
  fillFilter(
    'filter-status',
    'every status',
    state.statuses.map((status) => [status, status]),
  )
}

function renderEvents() {
  const endpointOf = new Map(state.webhooks.map((webhook) => [webhook.id, webhook.endpoint]))
  $<HTMLButtonElement>('load-older').hidden = state.older === null
  $('events').replaceChildren(
    ...state.events.map((event) => {
      const row = h(
        'tr',
        {
          'data-event': event.id,
          class: state.selected?.eventId === event.id ? 'selected' : '',
        },
        h('td', {}, new Date(event.created).toLocaleTimeString()),
        h('td', {}, event.type),
        h('td', { class: `status ${event.status}`, 'data-testid': 'event-status' }, event.status),
        h('td', {}, endpointOf.get(event.webhookId) ?? event.webhookId),
      )
      row.addEventListener('click', () => {
        state.selected = { webhookId: event.webhookId, eventId: event.id }
        renderEvents()
        refreshDetail().catch(showError)
      })
      return row
    }),
  )
}

interface ReceiverCheck {
  passed: boolean
  keyUrl: string
  cases: Array<{ id: string; sent: string; got: string; verdict: string; fix?: string }>
}

/** Runs the receiver check against a webhook's endpoint and shows its table in the detail pane. */
async function checkReceiver(webhook: Webhook) {
  notify(`checking ${webhook.endpoint}…`)
  const response = await fetch(
    `/_sandbox/v1/${encodeURIComponent(brandId)}/webhooks/${encodeURIComponent(webhook.id)}/receiver-check`,
    { method: 'POST', headers: { authorization: `Bearer ${token}` } },
  )
  if (!response.ok) throw new Error(`the receiver check could not run (${response.status})`)
  const check = (await response.json()) as ReceiverCheck
  state.selected = undefined
  $('detail').hidden = false
  $('detail').replaceChildren(
    h('h2', {}, `Receiver check: ${webhook.endpoint}`),
    h('p', { 'data-testid': 'check-summary' }, check.passed ? 'passed' : 'failed', ` · key ${check.keyUrl}`),
    h(
      'table',
      { 'data-testid': 'check-table' },
      h(
        'tr',
        {},
        h('th', {}, 'case'),
        h('th', {}, 'sent'),
        h('th', {}, 'got'),
        h('th', {}, 'verdict'),
        h('th', {}, 'fix'),
      ),
      ...check.cases.map((row) =>
        h(
          'tr',
          { 'data-verdict': row.verdict },
          h('td', {}, row.id),
          h('td', {}, row.sent),
          h('td', {}, row.got),
          h('td', { class: `verdict ${row.verdict}` }, row.verdict),
          h('td', {}, row.fix ?? ''),
        ),
      ),
    ),
  )
  notify(`receiver check of ${webhook.endpoint}: ${check.passed ? 'passed' : 'failed'}`)
}

function headersTable(headers: Record<string, string>) {
  return h(
    'table',
    {},
    ...Object.entries(headers).map(([name, value]) => h('tr', {}, h('th', {}, name), h('td', {}, value))),
  )
}

function renderDetail(
  event: WebhookEventDetail,
  webhookId: string,
  inspection: { envelope?: unknown; signatures: AttemptSignature[] },
) {
  const marks = new Map(inspection.signatures.map((mark) => [mark.attemptId, mark]))
  const attempts = event.attempts.map((attempt, index) => {
    const mark = marks.get(attempt.id)
    const signature = mark?.verified
      ? h('span', { class: 'verified', 'data-testid': 'signature' }, '✓ signature verifies')
      : h('span', { class: 'unverified', 'data-testid': 'signature' }, `✗ ${mark?.reason ?? 'not checked'}`)
    const response = attempt.response
    return h(
      'div',
      { class: 'attempt', 'data-testid': 'attempt', 'data-status': attempt.status },
      h(
        'div',
        {},
        h('strong', {}, `#${index + 1} `),
        h('span', { class: `status ${attempt.status}` }, attempt.status),
        ` ${new Date(attempt.created).toLocaleTimeString()} · `,
        response
          ? `HTTP ${response.statusCode} in ${response.time} ms · `
          : 'no answer (refused or timed out) · ',
        signature,
      ),
      h('h3', {}, `request to ${attempt.request.endpoint}`),
      headersTable(attempt.request.headers),
      ...(response
        ? [
            h('h3', {}, 'response'),
            headersTable(response.headers),
            h('pre', {}, response.body || '(empty body)'),
          ]
        : []),
    )
  })
  $('detail').hidden = false
  $('detail').replaceChildren(
    h('h2', {}, `Event ${event.id}`),
    h(
      'div',
      {},
      h('span', { class: `status ${event.status}`, 'data-testid': 'detail-status' }, event.status),
      ` ${event.type} · ${event.attempts.length} attempt(s) `,
      button('Resend', 'resend', () => fe.webhooks.events.retry(webhookId, event.id)),
    ),
    h('h3', {}, 'envelope (as delivered, latest attempt)'),
    h('pre', { 'data-testid': 'envelope' }, JSON.stringify(inspection.envelope, null, 2)),
    ...attempts,
  )
}

async function refreshDetail() {
  const selected = state.selected
  if (!selected) return
  const { webhookId, eventId } = selected
  const [event, inspection] = await Promise.all([
    fe.webhooks.events.get(webhookId, eventId),
    sandboxGet<{ envelope?: unknown; signatures: AttemptSignature[] }>(
      `/_sandbox/v1/${encodeURIComponent(brandId)}/webhooks/${webhookId}/events/${eventId}/signatures`,
    ),
  ])
  if (state.selected === selected) renderDetail(event, webhookId, inspection)
}

/** The pages of the feed shown, newest first, filtered by the sandbox: one request per page. */
async function readEvents() {
  const filters = {
    webhookId: $<HTMLSelectElement>('filter-webhook').value,
    type: $<HTMLInputElement>('filter-type').value.trim(),
    status: $<HTMLSelectElement>('filter-status').value,
  }
  const events: ListedEvent[] = []
  let before: number | null | undefined
  for (let page = 0; page < state.pages && before !== null; page++) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...filters })
    if (before !== undefined) query.set('before', String(before))
    const feed = await sandboxGet<{ events: ListedEvent[]; before: number | null; statuses: string[] }>(
      `/_sandbox/v1/${encodeURIComponent(brandId)}/events?${query}`,
    )
    events.push(...feed.events)
    before = feed.before
    state.statuses = feed.statuses
  }
  state.events = events
  state.older = before ?? null
}

async function refresh() {
  const [webhooks] = await Promise.all([fe.webhooks.list(), readEvents()])
  state.webhooks = webhooks
  renderWebhooks()
  fillFilters()
  renderEvents()
  await refreshDetail()
}

// One refresh at a time; changes that arrive meanwhile cause exactly one more.
let refreshing: Promise<void> | undefined
let again = false
function scheduleRefresh() {
  if (refreshing) {
    again = true
    return
  }
  refreshing = refresh()
    .catch(showError)
    .finally(() => {
      refreshing = undefined
      if (again) {
        again = false
        scheduleRefresh()
      }
    })
}

/** Reads the change stream (fetch, so the token travels in a header); reconnects when it ends. */
async function listen() {
  const live = $('live')
  for (;;) {
    try {
      const response = await fetch('/_sandbox/v1/stream', { headers: { authorization: `Bearer ${token}` } })
      if (response.status === 401) return signIn('The sandbox refused this token.')
      if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`)
      live.textContent = 'live'
      live.className = 'live on'
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffered = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffered += value
        let end = buffered.indexOf('\n\n')
        while (end >= 0) {
          if (buffered.slice(0, end).startsWith('event: change')) scheduleRefresh()
          buffered = buffered.slice(end + 2)
          end = buffered.indexOf('\n\n')
        }
      }
    } catch {
      // The sandbox stopped or restarted: say so, then try again.
    }
    live.textContent = 'reconnecting…'
    live.className = 'live off'
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

function signIn(message = '') {
  $('app').hidden = true
  $('sign-in').hidden = false
  $('sign-in-error').textContent = message
  $('live').textContent = 'signed out'
}

async function loadExamples() {
  const examples = await sandboxGet<Record<string, unknown>>('/_sandbox/v1/event-examples')
  $('event-types').replaceChildren(...Object.keys(examples).map((type) => h('option', { value: type })))
  const typeInput = $<HTMLInputElement>('trigger-type')
  const dataInput = $<HTMLTextAreaElement>('trigger-data')
  const prefill = () => {
    const example = examples[typeInput.value]
    if (example) dataInput.value = JSON.stringify(example, null, 2)
  }
  typeInput.addEventListener('change', prefill)
  typeInput.value = Object.keys(examples)[0] ?? ''
  prefill()
}

async function trigger(event: SubmitEvent) {
  event.preventDefault()
  let data: unknown
  try {
    data = JSON.parse($<HTMLTextAreaElement>('trigger-data').value)
  } catch {
    throw new Error('data is not JSON')
  }
  const response = await fetch(`/_sandbox/v1/${encodeURIComponent(brandId)}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: $<HTMLInputElement>('trigger-type').value,
      data,
      allowInvalidData: $<HTMLInputElement>('trigger-allow-invalid').checked,
    }),
  })
  const body = (await response.json()) as {
    events?: unknown[]
    description?: string
    validations?: Record<string, string>
  }
  if (!response.ok) {
    // The fields that break the type's payload schema, as the sandbox's 422 names them.
    const fields = Object.entries(body.validations ?? {}).map(([field, problem]) => `${field}: ${problem}`)
    throw new Error(`the sandbox refused it (${response.status}): ${fields.join('; ') || body.description}`)
  }
  notify(
    body.events?.length === 0
      ? 'No enabled webhook subscribes to this type: nothing to deliver.'
      : `${body.events?.length} event(s) created`,
  )
}

async function open() {
  fe = client()
  $('sign-in').hidden = true
  $('app').hidden = false
  await loadExamples()
  // The stream's first message (on every connect) brings the first refresh.
  void listen()
}

$<HTMLInputElement>('brand').value = brandId
$('brand').addEventListener('change', () => {
  brandId = $<HTMLInputElement>('brand').value.trim() || 'ACME'
  fe = client()
  state.selected = undefined
  state.pages = 1
  $('detail').hidden = true
  scheduleRefresh()
})
for (const id of ['filter-webhook', 'filter-type', 'filter-status'])
  $(id).addEventListener('input', () => {
    state.pages = 1
    scheduleRefresh()
  })
$('load-older').addEventListener('click', () => {
  state.pages++
  scheduleRefresh()
})
$<HTMLFormElement>('trigger').addEventListener('submit', (event) => void trigger(event).catch(showError))
$<HTMLFormElement>('sign-in').addEventListener('submit', (event) => {
  event.preventDefault()
  token = $<HTMLInputElement>('token').value.trim()
  sessionStorage.setItem(TOKEN_KEY, token)
  void open().catch(showError)
})
if (token) void open().catch(showError)
else signIn()
