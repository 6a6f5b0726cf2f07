// Configuration from flags or environment, and the client built from it. The token is never printed.
import { type Environment, FlexEngageWebhooks } from '@flexengage/webhooks'
import { UsageError } from './usage.js'

export interface GlobalValues {
  token?: string | undefined
  'brand-id'?: string | undefined
  env?: string | undefined
  'base-url'?: string | undefined
  json?: boolean | undefined
  verbose?: boolean | undefined
}

export const GLOBAL_OPTIONS = {
  token: { type: 'string' },
  'brand-id': { type: 'string' },
  env: { type: 'string' },
  'base-url': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

export interface Context {
  json: boolean
  client(): FlexEngageWebhooks
}

export function createContext(values: GlobalValues, env: NodeJS.ProcessEnv = process.env): Context {
  let client: FlexEngageWebhooks | undefined
  return {
    json: values.json ?? false,
    client() {
      if (client) return client
      const token = values.token ?? env.FLEXENGAGE_TOKEN
      const brandId = values['brand-id'] ?? env.FLEXENGAGE_BRAND_ID
      const baseUrl = values['base-url'] ?? env.FLEXENGAGE_BASE_URL
      const environment = values.env ?? env.FLEXENGAGE_ENV
      if (!token) throw new UsageError('no token: set FLEXENGAGE_TOKEN or pass --token')
      if (!brandId) throw new UsageError('no brand: set FLEXENGAGE_BRAND_ID or pass --brand-id')
      if (environment !== undefined && environment !== 'test' && environment !== 'production') {
        throw new UsageError(`--env / FLEXENGAGE_ENV must be test or production, got "${environment}"`)
      }
      const verbose = values.verbose ?? false
      client = new FlexEngageWebhooks({
        brandId,
        token,
        ...(baseUrl ? { baseUrl } : { environment: (environment ?? 'test') as Environment }),
        fetch: async (input, init) => {
          const started = performance.now()
          // The URL never carries the token; the headers, which do, are not printed.
          if (verbose) process.stderr.write(`> ${init?.method ?? 'GET'} ${String(input)}\n`)
          const response = await fetch(input, init)
          if (verbose)
            process.stderr.write(`< ${response.status} in ${Math.round(performance.now() - started)} ms\n`)
          return response
        },
      })
      return client
    },
  }
}
