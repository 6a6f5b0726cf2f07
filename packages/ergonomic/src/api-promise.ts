import type { WithResponse } from './request.js'

/** A promise of the data that can also give the HTTP status and headers: `await call.withResponse()`. */
export class APIPromise<T> implements PromiseLike<T> {
  constructor(private readonly result: Promise<WithResponse<T>>) {}

  withResponse(): Promise<WithResponse<T>> {
    return this.result
  }

  // biome-ignore lint/suspicious/noThenProperty: an APIPromise is awaited like a Promise on purpose.
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.result.then((r) => r.data).then(onFulfilled, onRejected)
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onRejected)
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally)
  }
}

/** Runs `start` (input checks included) so that every failure arrives as a rejection. */
export function apiPromise<T>(start: () => Promise<WithResponse<T>>): APIPromise<T> {
  return new APIPromise((async () => start())())
}
