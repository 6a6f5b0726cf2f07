// --data FILE: every change the store and the deliverer make is journaled. A write's changes are on
// disk before its answer (`commit`); the deliverer's own (attempt records, retries due) follow in the
// background, within a turn of the event loop. Memory never holds what an answer refused: a commit
// that fails puts memory back to what the file holds.
import type { MockStore } from '@flexengage/webhooks-mock-handlers'
import type { Deliverer } from './deliverer.js'
import { type Journal, liveRecords, type OpenedDataFile } from './journal.js'

export interface Persistence {
  /** Saves every change so far; if it cannot, memory goes back to what is saved, and it rejects. */
  commit(): Promise<void>
  close(): Promise<void>
}

/** Without --data: nothing to save. */
export const IN_MEMORY: Persistence = { commit: () => Promise.resolve(), close: () => Promise.resolve() }

/** A write the sandbox could not save: nothing it did is kept (answered 500). */
export class StateNotSavedError extends Error {
  override readonly name = 'StateNotSavedError'

  constructor(cause: unknown) {
    super(`the sandbox could not save its state, so nothing was changed: ${(cause as Error).message}`, {
      cause,
    })
  }
}

class JournalPersistence implements Persistence {
  #flushQueued = false
  /** Said once per run of failed background saves, not once per delivery. */
  #warned = false

  constructor(
    private readonly journal: Journal,
    private readonly store: MockStore,
    private readonly deliverer: Deliverer,
  ) {
    const record = (change: Parameters<Journal['record']>[0]) => {
      journal.record(change)
      this.#flushSoon()
    }
    store.subscribe(record)
    deliverer.subscribe(record)
  }

  async commit(): Promise<void> {
    try {
      await this.journal.flush()
    } catch (error) {
      const saved = this.journal.reread()
      this.store.restore(saved.store.snapshot())
      this.deliverer.replaceSchedule(saved.schedule.values())
      throw new StateNotSavedError(error)
    }
  }

  close(): Promise<void> {
    return this.journal.close()
  }

  /** Changes nobody waits on (the deliverer's) are saved in one flush per turn of the event loop. */
  #flushSoon(): void {
    if (this.#flushQueued) return
    this.#flushQueued = true
    setImmediate(() => {
      this.#flushQueued = false
      this.journal
        .flush()
        .then(() => this.journal.compactIfLarge())
        .then(
          () => {
            this.#warned = false
          },
          (error: unknown) => {
            // The journal rewrites itself whole at the next flush; until then the file lags memory.
            if (!this.#warned)
              console.warn(`flexengage-sandbox: ${(error as Error).message}; retrying at the next change`)
            this.#warned = true
          },
        )
    })
  }
}

/**
 * Starts journaling to an opened data file: the file is (re)written as a journal if it is not one
 * yet, and every later change of the store and the schedule is appended.
 */
export function journalTo(
  opened: OpenedDataFile,
  state: { privateKeyPem: string; store: MockStore; deliverer: Deliverer },
): Persistence {
  const { store, deliverer } = state
  const journal = opened.begin(state.privateKeyPem, () => liveRecords(store, deliverer.scheduledDeliveries()))
  return new JournalPersistence(journal, store, deliverer)
}
