// The live change feed the inspector listens to: a server-sent event per burst of changes.
import type { ServerResponse } from 'node:http'

/**
 * Tells subscribers that the sandbox's state changed. Bursts coalesce into one message per turn of
 * the event loop, so a thousand deliveries a second cost a listening page a few refreshes.
 */
export class ChangeFeed {
  readonly #listeners = new Set<(sequence: number) => void>()
  #sequence = 0
  #pending = false

  subscribe(listener: (sequence: number) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  publish(): void {
    this.#sequence++
    if (this.#pending || this.#listeners.size === 0) return
    this.#pending = true
    setImmediate(() => {
      this.#pending = false
      for (const listener of this.#listeners) listener(this.#sequence)
    })
  }
}

/** Answers a server-sent event stream of `change` messages until the client goes away. */
export function streamChanges(feed: ChangeFeed, response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  })
  const send = (sequence: number) => response.write(`event: change\ndata: ${sequence}\n\n`)
  send(0)
  const unsubscribe = feed.subscribe(send)
  // A comment now and then keeps idle proxies from closing the stream.
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000).unref()
  response.on('close', () => {
    unsubscribe()
    clearInterval(heartbeat)
  })
}
