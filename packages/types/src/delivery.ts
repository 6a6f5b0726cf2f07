// How flexEngage delivers an event (the integration guide, restated in the spec's description):
// the names every side of a delivery shares. The signer and the verifier live in
// `@flexengage/webhooks/receiver` (protocol.ts).

/** The Base64 RSA SHA-256 signature over the raw body bytes. */
export const SIGNATURE_HEADER = 'x-fr-wh-authorization'
/** The HTTPS URI of the PEM public key that verifies the signature. */
export const KEY_URL_HEADER = 'x-fr-wh-pk'
/** The `User-Agent` of every delivery. */
export const DELIVERY_USER_AGENT = 'FlexEngage Webhook'

/** The request headers of a delivery other than the signature pair, as the attempt records show them. */
export const DELIVERY_HEADERS: Readonly<Record<string, string>> = {
  'User-Agent': DELIVERY_USER_AGENT,
  'Content-Type': 'application/json',
}
