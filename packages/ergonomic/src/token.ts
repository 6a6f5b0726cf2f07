// The bearer token: a string, or a provider for short-lived tokens that is asked again once after a 401.
import { FlexEngageError, InvalidArgumentError } from './errors.js'

export type TokenProvider = () => string | Promise<string>

/** The bearer token of a client: a fixed string, or a provider asked once and again after a 401. */
export class BearerToken {
  readonly #provider: TokenProvider | undefined
  #current: Promise<string> | undefined

  constructor(token: string | TokenProvider) {
    if (typeof token === 'function') {
      this.#provider = token
    } else if (typeof token === 'string' && token.trim() !== '') {
      this.#current = Promise.resolve(token)
    } else {
      throw new InvalidArgumentError('token', 'must be a non-empty string or a function that returns one')
    }
  }

  /** Whether a 401 may be answered by asking for a fresh token. */
  get refreshable(): boolean {
    return this.#provider !== undefined
  }

  /** The token; concurrent callers share one provider call. `refresh` asks the provider again. */
  get(refresh = false): Promise<string> {
    if (this.#provider && (refresh || !this.#current)) {
      const provider = this.#provider
      this.#current = (async () => {
        let token: unknown
        try {
          token = await provider()
        } catch (cause) {
          throw new FlexEngageError('The token provider failed; see `cause`', { cause })
        }
        if (typeof token !== 'string' || token.trim() === '') {
          throw new InvalidArgumentError('token', 'provider returned no token (an empty or non-string value)')
        }
        return token
      })()
      this.#current.catch(() => {
        this.#current = undefined
      })
    }
    return this.#current as Promise<string>
  }
}
