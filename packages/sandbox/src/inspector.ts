// The inspector's server side: its bundled page under /_sandbox/ui/ (built into dist-inspector/ by
// tsup, read once, served same-origin with a strict content security policy), and each attempt's
// signature checked with the project's own verifier.
import { readFileSync } from 'node:fs'
import { createVerifier, envelopeBody, SignatureVerificationError } from '@flexengage/webhooks/receiver'
import type { EventRecord, MockAnswer } from '@flexengage/webhooks-mock-handlers'
import { deliveryEnvelope } from './attempt.js'
import type { SigningKey } from './signing-key.js'

export const INSPECTOR_PATH = '/_sandbox/ui/'

/** The link printed at start-up: the token rides in the fragment, which browsers never send. */
export const inspectorLink = (origin: string, token: string, brandId: string) =>
  `${origin}${INSPECTOR_PATH}#${new URLSearchParams({ token, brand: brandId })}`

const ASSET_TYPES = new Map([
  ['index.html', 'text/html; charset=utf-8'],
  ['app.js', 'text/javascript; charset=utf-8'],
  ['app.css', 'text/css; charset=utf-8'],
])

// From src/ (tests) and from dist/ (the package) alike, this is the package's dist-inspector/.
const ASSETS_DIR = new URL('../dist-inspector/', import.meta.url)
let assets: Map<string, MockAnswer> | undefined

/** Read once, on first use: the page's three files, answered same-origin under a strict policy. */
function loadAssets(): Map<string, MockAnswer> {
  const headers = (type: string) => ({
    'content-type': type,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // Same-origin only: no inline script, no third-party host, nothing framed.
    'content-security-policy':
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  })
  return new Map(
    [...ASSET_TYPES].map(([name, type]) => [
      name,
      { status: 200, headers: headers(type), body: readFileSync(new URL(name, ASSETS_DIR), 'utf8') },
    ]),
  )
}

/** `index.html` (for ''), `app.js` or `app.css`; undefined for any other name. */
export function inspectorAsset(name: string): MockAnswer | undefined {
  assets ??= loadAssets()
  return assets.get(name === '' ? 'index.html' : name)
}

export interface AttemptSignature {
  attemptId: string
  verified: boolean
  /** Why it does not verify: the verifier's reason (e.g. `signature_mismatch`). */
  reason?: string
}

/**
 * Checks events' attempts with the receiver's own verifier, made once (its key cache stays warm):
 * the envelope of an event's latest attempt, and whether each attempt's recorded signature headers
 * verify the body that attempt carried (rebuilt exactly as the deliverer signs it) with this
 * sandbox's key.
 */
export function signatureInspector(key: SigningKey, keyUrl: string) {
  const verify = createVerifier({
    trustLocalSandbox: true,
    // The mark is about the signature: a delivery's age is the receiver's business.
    maxDeliveryAgeMs: false,
    keyResolver: async (url) => {
      if (url.href !== keyUrl) throw new Error(`not this sandbox's key: ${url}`)
      return key.publicPem
    },
  })
  return async (brandId: string, webhookId: string, event: EventRecord) => {
    const { attempts } = event
    const signatures: AttemptSignature[] = await Promise.all(
      attempts.map(async (attempt) => {
        const envelope = deliveryEnvelope(brandId, webhookId, event, attempt.id)
        try {
          await verify({ body: envelopeBody(envelope), headers: attempt.request.headers })
          return { attemptId: attempt.id, verified: true }
        } catch (error) {
          const reason = error instanceof SignatureVerificationError ? error.reason : String(error)
          return { attemptId: attempt.id, verified: false, reason }
        }
      }),
    )
    const latest = attempts.at(-1)
    return {
      envelope: latest ? deliveryEnvelope(brandId, webhookId, event, latest.id) : undefined,
      signatures,
    }
  }
}
