// Writes take turns: one at a time, each saved before its answer and before the next begins, so a save
// that fails undoes only the changes of the write it answers. Bodies are read before a write takes
// its turn (server.ts), so a turn lasts as long as the work and one save, never as long as a client.
import type { Persistence } from './persistence.js'

export class WriteTurns {
  #last: Promise<unknown> = Promise.resolve()
  /** Settles once the turn under way is saved (rejects if it is not), if a turn is under way. */
  #saved: Promise<void> | undefined

  constructor(private readonly persistence: Persistence) {}

  /** Runs `work` in its turn and saves what it changed; rejects if either fails. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.#last.then(() => this.#take(work))
    this.#last = turn.catch(() => undefined)
    return turn
  }

  /**
   * Resolves once the turn under way is saved (at once when none is); rejects if its save fails, as
   * what it changed was undone. Deliveries wait on it, so nothing unsaved is ever sent.
   */
  saved(): Promise<void> {
    return this.#saved ?? Promise.resolve()
  }

  async #take<T>(work: () => Promise<T>): Promise<T> {
    let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined
    this.#saved = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject }
    })
    this.#saved.catch(() => undefined)
    try {
      const result = await work()
      await this.persistence.commit()
      settle?.resolve()
      return result
    } catch (error) {
      settle?.reject(error)
      throw error
    } finally {
      this.#saved = undefined
    }
  }
}
