// --data FILE: the sandbox's state as an append-only journal of JSON lines. A write appends what it
// changed (one webhook, one event, one schedule entry) and fsyncs, so its cost does not grow with the
// state. Read back at start-up, line by line (a torn last line, from a crash mid-append, was never
// acknowledged and is dropped). Compacted (rewritten whole, atomically) when it holds more than twice
// what is live. A lock file keeps a second sandbox off the same file.
// Chosen over an embedded database: no native module on Node 20, one readable file, and writes that
// cost one append each.
import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { dirname } from 'node:path'
import type { EventRecord, MockSnapshot, StoreChange } from '@flexengage/webhooks-mock-handlers'
import { MockStore } from '@flexengage/webhooks-mock-handlers'
import type { Webhook } from '@flexengage/webhooks-types'
import { acquireLock, type Lock } from './lock.js'

export interface ScheduledDelivery {
  brandId: string
  webhookId: string
  eventId: string
  /** When the first attempt was made (ms since epoch); the retry window counts from here. */
  firstAttemptAt: number | null
  retryIndex: number
  nextAttemptAt: number
}

/** A change to the delivery schedule: an entry due (again), or one done with. */
export type ScheduleChange =
  | { kind: 'scheduled'; entry: ScheduledDelivery }
  | { kind: 'unscheduled'; key: string }

type JournalRecord = StoreChange | ScheduleChange

/** What a journal holds: the signing key, the state, and the deliveries still due. */
export interface JournalState {
  privateKeyPem: string | undefined
  store: MockStore
  schedule: Map<string, ScheduledDelivery>
  /** The file is not a clean journal (the previous format, or a torn last line): rewritten when the journal begins. */
  needsRewrite: boolean
}

/** A data file opened and locked, its state read back; `begin` starts journaling to it. */
export interface OpenedDataFile {
  state: JournalState | undefined
  /** Starts the journal; `live` lists every live record, for compaction. */
  begin(privateKeyPem: string, live: () => Iterable<JournalRecord>): Journal
  release(): void
}

const HEADER = 'flexengage-sandbox-journal'
const VERSION = 2
/** Below this size the journal is never compacted: rewriting it would cost more than it saves. */
const MIN_COMPACT_BYTES = 8 * 1024 * 1024

export const scheduleKey = (entry: { brandId: string; webhookId: string; eventId: string }) =>
  JSON.stringify([entry.brandId, entry.webhookId, entry.eventId])

/** Applies one record to the state being read back. */
function replay(state: JournalState, record: JournalRecord): void {
  if (record.kind === 'scheduled') state.schedule.set(scheduleKey(record.entry), record.entry)
  else if (record.kind === 'unscheduled') state.schedule.delete(record.key)
  else state.store.apply(record)
}

/** The previous format (a single JSON object, rewritten whole on each save), read once to migrate. */
function fromVersion1(file: string, text: string): JournalState {
  const old = JSON.parse(text) as {
    version: number
    privateKeyPem: string
    snapshot: { brands: Record<string, { webhooks: Webhook[]; events: Record<string, EventRecord[]> }> }
    schedule: ScheduledDelivery[]
  }
  if (old.version !== 1) throw new Error(`${file}: unknown sandbox state version ${String(old.version)}`)
  const store = new MockStore()
  const snapshot: MockSnapshot = {
    brands: Object.entries(old.snapshot.brands).map(([brandId, brand]) => ({
      brandId,
      webhooks: brand.webhooks,
      events: Object.entries(brand.events).map(([webhookId, events]) => ({ webhookId, events })),
    })),
  }
  store.restore(snapshot)
  const schedule = new Map(old.schedule.map((entry) => [scheduleKey(entry), entry]))
  return { privateKeyPem: old.privateKeyPem, store, schedule, needsRewrite: true }
}

function headerOf(file: string, header: { version?: unknown; privateKeyPem?: unknown }) {
  if (header.version !== VERSION) {
    throw new Error(
      `${file}: journal version ${String(header.version)}, this sandbox reads version ${VERSION}; upgrade it`,
    )
  }
  return header as { privateKeyPem: string }
}

/** Reads a journal (or a version 1 state file) back; names the file and line of anything it cannot read. */
function readJournal(file: string): JournalState | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(`${file}: cannot read the sandbox's state: ${(error as Error).message}`)
  }
  if (text === '') return undefined
  if (!text.startsWith(`{"journal":"${HEADER}"`)) {
    try {
      return fromVersion1(file, text)
    } catch (error) {
      throw new Error(
        `${file}: not a sandbox state file (${(error as Error).message}); move it away or pick another --data file`,
      )
    }
  }
  const lines = text.split('\n')
  const torn = !text.endsWith('\n')
  // A torn last line is rewritten away, so the next append starts on a line of its own.
  const state: JournalState = {
    privateKeyPem: undefined,
    store: new MockStore(),
    schedule: new Map(),
    needsRewrite: torn,
  }
  lines.forEach((line, index) => {
    if (line === '' || (torn && index === lines.length - 1)) return
    try {
      const record = JSON.parse(line)
      if (index === 0) state.privateKeyPem = headerOf(file, record).privateKeyPem
      else replay(state, record as JournalRecord)
    } catch (error) {
      throw new Error(
        `${file}:${index + 1}: not a journal record (${(error as Error).message}); the file is damaged`,
      )
    }
  })
  return state
}

/**
 * Writes all of `text`: a write may take only part of it (a disk that fills up, a file size limit),
 * and the rest must then either go in or fail.
 */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text)
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written)
}

/** Writes `text` to `file` atomically: a temp file, fsynced, renamed over it, and the directory fsynced. */
function writeAtomically(file: string, text: string): void {
  const temp = `${file}.compacting.tmp`
  try {
    const fd = openSync(temp, 'w')
    try {
      writeAll(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
  } catch (error) {
    // A full disk must not leave a half-written temp file behind.
    rmSync(temp, { force: true })
    throw new Error(`cannot write ${file}: ${(error as Error).message}`)
  }
  const dir = openSync(dirname(file), 'r')
  try {
    fsyncSync(dir)
  } finally {
    closeSync(dir)
  }
}

/** Every live record of a state: its webhooks, their events, the schedule. */
export function* liveRecords(
  store: MockStore,
  schedule: Iterable<ScheduledDelivery>,
): Generator<JournalRecord> {
  // Read in place, not copied: a compaction of 100 MB must not hold a second copy of it.
  for (const brandId of store.brandIds()) {
    for (const webhook of store.webhooks(brandId)) {
      yield { kind: 'webhook', brandId, webhook }
      for (const event of store.events(brandId, webhook.id)) {
        yield { kind: 'event', brandId, webhookId: webhook.id, event }
      }
    }
  }
  for (const entry of schedule) yield { kind: 'scheduled', entry }
}

const journalText = (header: string, records: Iterable<JournalRecord>) => {
  const lines = [header]
  for (const record of records) lines.push(JSON.stringify(record))
  return `${lines.join('\n')}\n`
}

export class Journal {
  #fd: number
  /** Bytes known to be on disk in whole records: a failed append is cut back to this. */
  #committed: number
  /** The size right after the last compaction: the journal is compacted once it doubles. */
  #compactedSize: number
  #buffer: string[] = []
  #flushing: Promise<void> = Promise.resolve()
  /** A flush failed: records may be missing from the file, so the next flush rewrites it whole. */
  #damaged = false
  /** Closed: a flush or compaction still queued does nothing. */
  #closed = false

  private constructor(
    readonly file: string,
    private readonly lock: Lock,
    private readonly header: string,
    private readonly live: () => Iterable<JournalRecord>,
  ) {
    this.#fd = openSync(file, 'a')
    this.#committed = statSync(file).size
    this.#compactedSize = this.#committed
  }

  /**
   * Locks `file` and reads what it holds (nothing for a new file). A state that was not written as
   * a journal (new, or in the previous format) is rewritten as one when the journal begins.
   */
  static open(file: string): OpenedDataFile {
    const lock = acquireLock(file)
    try {
      const state = readJournal(file)
      return {
        state,
        release: () => lock.release(),
        begin: (privateKeyPem, live) => {
          const header = JSON.stringify({ journal: HEADER, version: VERSION, privateKeyPem })
          if (!state || state.needsRewrite) writeAtomically(file, journalText(header, live()))
          return new Journal(file, lock, header, live)
        },
      }
    } catch (error) {
      lock.release()
      throw error
    }
  }

  /**
   * What the file holds (after a write it could not save): memory is put back to it, so from here
   * the file and memory agree again.
   */
  reread(): JournalState {
    this.#buffer = []
    this.#damaged = false
    return (
      readJournal(this.file) ?? {
        privateKeyPem: undefined,
        store: new MockStore(),
        schedule: new Map(),
        needsRewrite: false,
      }
    )
  }

  /** Keeps a change for the next flush. */
  record(change: JournalRecord): void {
    this.#buffer.push(`${JSON.stringify(change)}\n`)
  }

  /**
   * Appends every change recorded so far and fsyncs; resolves once they are on disk. Flushes run one
   * at a time, in order. A flush that fails cuts the file back to its last whole record, rejects,
   * and leaves the journal to be rewritten whole by the next one.
   */
  flush(): Promise<void> {
    const flushed = this.#flushing.then(() => {
      if (this.#closed) return
      if (this.#damaged) this.#compact()
      else this.#append()
    })
    this.#flushing = flushed.catch(() => undefined)
    return flushed
  }

  /** Rewrites the journal as its live records once it holds more than twice what is live. */
  compactIfLarge(): Promise<void> {
    const large = this.#committed >= MIN_COMPACT_BYTES && this.#committed >= 2 * this.#compactedSize
    return large ? this.compact() : Promise.resolve()
  }

  /** Rewrites the journal as its live records, in turn with the flushes. */
  compact(): Promise<void> {
    const compacted = this.#flushing.then(() => {
      if (!this.#closed) this.#compact()
    })
    this.#flushing = compacted.catch(() => undefined)
    return compacted
  }

  async close(): Promise<void> {
    try {
      await this.flush()
    } finally {
      this.#closed = true
      closeSync(this.#fd)
      this.lock.release()
    }
  }

  #append(): void {
    if (this.#buffer.length === 0) return
    const text = this.#buffer.join('')
    this.#buffer = []
    try {
      writeAll(this.#fd, text)
      fsyncSync(this.#fd)
      this.#committed += Buffer.byteLength(text)
    } catch (error) {
      this.#damaged = true
      try {
        ftruncateSync(this.#fd, this.#committed)
      } catch {
        // The torn tail is dropped when the journal is read back.
      }
      throw new Error(`cannot write ${this.file}: ${(error as Error).message}`)
    }
  }

  #compact(): void {
    // What is live now includes every record buffered so far.
    this.#buffer = []
    const text = journalText(this.header, this.live())
    try {
      writeAtomically(this.file, text)
    } catch (error) {
      this.#damaged = true
      throw error
    }
    closeSync(this.#fd)
    this.#fd = openSync(this.file, 'a')
    this.#committed = Buffer.byteLength(text)
    this.#compactedSize = this.#committed
    this.#damaged = false
  }
}
