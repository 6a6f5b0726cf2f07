// The sandbox's own RSA key: deliveries are signed with it, and its public PEM is served at the
// URL put in x-fr-wh-pk, exactly as flexEngage does with its key hosts.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto'

export interface SigningKey {
  /** Names the key in its URL: the first 16 hex digits of the SHA-256 of its public DER. */
  keyId: string
  publicPem: string
  privatePem: string
  sign(body: Buffer): string
}

export function loadSigningKey(privatePem?: string): SigningKey {
  const privateKey: KeyObject = privatePem
    ? createPrivateKey(privatePem)
    : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const publicKey = createPublicKey(privateKey)
  const publicDer = publicKey.export({ type: 'spki', format: 'der' })
  return {
    keyId: createHash('sha256').update(publicDer).digest('hex').slice(0, 16),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    sign: (body) => sign('sha256', body, privateKey).toString('base64'),
  }
}
