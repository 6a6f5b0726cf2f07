/** Why a delivery was refused. */
export type VerificationFailureReason =
  | 'missing_header'
  | 'duplicate_header'
  | 'malformed_signature'
  | 'key_url_not_allowed'
  | 'key_fetch_failed'
  | 'invalid_public_key'
  | 'signature_mismatch'
  | 'empty_body'
  | 'body_too_large'
  | 'not_an_envelope'
  | 'invalid_payload'
  | 'stale_delivery'

/** A delivery that must not be trusted; `reason` says which check refused it. */
export class SignatureVerificationError extends Error {
  override readonly name = 'SignatureVerificationError'

  constructor(
    readonly reason: VerificationFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${reason}: ${message}`, options)
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, reason: this.reason, message: this.message }
  }
}
