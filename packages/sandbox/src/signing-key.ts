// The sandbox's own RSA key: deliveries are signed with it (signDelivery, beside the receiver's
// verifier), and its public PEM is served at the URL put in the key-URL header, exactly as flexEngage
// does with its key hosts.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto'
import { importPrivateKeyPem } from '@flexengage/webhooks/receiver'

export interface SigningKey {
  /** Names the key in its URL: the first 16 hex digits of the SHA-256 of its public DER. */
  keyId: string
  publicPem: string
  privatePem: string
  /** For `signDelivery`. */
  privateKey: CryptoKey
}

export async function loadSigningKey(privatePem?: string): Promise<SigningKey> {
  const privateKey: KeyObject = privatePem
    ? createPrivateKey(privatePem)
    : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const publicKey = createPublicKey(privateKey)
  const publicDer = publicKey.export({ type: 'spki', format: 'der' })
  const pkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  return {
    keyId: createHash('sha256').update(publicDer).digest('hex').slice(0, 16),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: pkcs8Pem,
    privateKey: await importPrivateKeyPem(pkcs8Pem),
  }
}
