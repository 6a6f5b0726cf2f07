// --data FILE: the whole state, rewritten atomically (temp file, fsync, rename, fsync the directory),
// so a crash at any moment leaves either the previous or the next complete state, never a torn one.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { MockSnapshot } from '@flexengage/webhooks-mock-handlers'

export interface ScheduledDelivery {
  brandId: string
  webhookId: string
  eventId: string
  /** When the first attempt was made (ms since epoch); the retry window counts from here. */
  firstAttemptAt: number | null
  retryIndex: number
  nextAttemptAt: number
}

export interface SandboxState {
  version: 1
  privateKeyPem: string
  snapshot: MockSnapshot
  schedule: ScheduledDelivery[]
}

export function readState(file: string): SandboxState | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const state = JSON.parse(text) as SandboxState
  if (state.version !== 1) throw new Error(`${file}: unknown sandbox state version ${String(state.version)}`)
  return state
}

function writeAtomically(file: string, contents: string): void {
  const temp = `${file}.${process.pid}.tmp`
  const fd = openSync(temp, 'w')
  try {
    writeFileSync(fd, contents)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, file)
  const dir = openSync(dirname(file), 'r')
  try {
    fsyncSync(dir)
  } finally {
    closeSync(dir)
  }
}

/**
 * Coalesces saves: every `save()` resolves once a write that started after the call has finished,
 * so an API answer sent after `await save()` is on disk.
 */
export class Persister {
  #writing: Promise<void> | undefined
  #queued: Promise<void> | undefined
  /** The text last written whole: what is on disk. Parsed only when a failed save is undone. */
  #onDisk: string | undefined

  constructor(
    private readonly file: string,
    private readonly state: () => SandboxState,
    onDisk: SandboxState | undefined,
  ) {
    this.#onDisk = onDisk === undefined ? undefined : JSON.stringify(onDisk)
  }

  /** What the file holds now (undefined before the first write of a new file). */
  get onDisk(): SandboxState | undefined {
    return this.#onDisk === undefined ? undefined : (JSON.parse(this.#onDisk) as SandboxState)
  }

  save(): Promise<void> {
    if (!this.#writing) return this.#start()
    this.#queued ??= this.#writing.then(() => {
      this.#queued = undefined
      return this.#start()
    })
    return this.#queued
  }

  #start(): Promise<void> {
    this.#writing = new Promise<void>((resolve, reject) => {
      // Yield once so that saves requested in the same tick share this write.
      setImmediate(() => {
        try {
          const text = JSON.stringify(this.state())
          writeAtomically(this.file, text)
          this.#onDisk = text
          resolve()
        } catch (error) {
          reject(error)
        }
      })
    }).finally(() => {
      this.#writing = undefined
    })
    return this.#writing
  }
}
