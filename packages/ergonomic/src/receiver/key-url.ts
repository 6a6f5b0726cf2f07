// The key host allowlist is the whole security story: a signature only means something if the key
// it verifies against is flexEngage's. Anything but an exact, allowed https host is refused.
import { delivery, isLoopbackHost, KEY_URL_HEADER } from '@flexengage/webhooks-types'
import { SignatureVerificationError } from './errors.js'

/** flexEngage's key hosts (production and test), as the spec's delivery contract lists them. */
export const FLEXENGAGE_KEY_HOSTS: readonly string[] = Object.values(delivery.keyHosts)

export interface KeyUrlPolicy {
  /** Exact host names whose https keys are trusted. Default: flexEngage's production and test key hosts. */
  allowedKeyHosts?: readonly string[]
  /**
   * Also trust keys served over http(s) from a loopback host, as a `.pem` path: the local sandbox.
   * Never on by default; never enable it in production.
   */
  trustLocalSandbox?: boolean
}

export function checkKeyUrl(value: string, policy: KeyUrlPolicy): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new SignatureVerificationError('key_url_not_allowed', `${KEY_URL_HEADER} is not an absolute URL`)
  }
  const refuse = (why: string) => {
    throw new SignatureVerificationError('key_url_not_allowed', `key URL ${url.origin} refused: ${why}`)
  }
  if (url.username !== '' || url.password !== '') refuse('it carries user information')
  const host = url.hostname.toLowerCase()
  if (
    policy.trustLocalSandbox &&
    isLoopbackHost(host) &&
    (url.protocol === 'http:' || url.protocol === 'https:')
  ) {
    // A sandbox serves its key as a .pem file: no other loopback URL is ever fetched.
    if (!url.pathname.endsWith('.pem') || url.search !== '')
      refuse('a local sandbox key URL names a .pem file')
    return url
  }
  if (url.protocol !== 'https:') {
    refuse(
      isLoopbackHost(host)
        ? 'keys must be fetched over https (a local sandbox serves its key over http on loopback: pass trustLocalSandbox: true, in development and tests only)'
        : 'keys must be fetched over https',
    )
  }
  if (url.port !== '') refuse('keys are served on the default https port only')
  const allowed = (policy.allowedKeyHosts ?? FLEXENGAGE_KEY_HOSTS).map((h) => h.toLowerCase())
  if (!allowed.includes(host)) refuse(`host ${host} is not one of ${allowed.join(', ')}`)
  return url
}
