// Real RSA key pairs, a real key server on 127.0.0.1, and the project's own signer (signBody,
// beside the verifier), for the receiver tests.
import { generateKeyPairSync } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sampleEnvelope } from '@flexengage/tools/samples'
import { afterAll, beforeAll } from 'vitest'
import {
  type DeliveryHeaders,
  importPrivateKeyPem,
  KEY_URL_HEADER,
  SIGNATURE_HEADER,
  signBody,
} from '../src/receiver/index.js'

export { signBody }

export interface KeyPair {
  publicPem: string
  privateKey: CryptoKey
  publicPkcs1Pem: string
}

export async function generateKeyPair(): Promise<KeyPair> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicPkcs1Pem: publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    privateKey: await importPrivateKeyPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
  }
}

/** The spec's example envelope, created now, as JSON text. */
export function envelope(overrides: Record<string, unknown> = {}) {
  return JSON.stringify(sampleEnvelope(overrides))
}

export interface KeyServer {
  origin: string
  url(path: string): string
  /** Requests it received, by path. */
  hits(path?: string): number
  /** What /rotating.pem serves from now on. */
  rotate(publicPem: string): void
  close(): Promise<void>
}

/**
 * Serves /key.pem, /pkcs1.pem, /rotating.pem (the key `rotate` last gave), /not-pem.pem, /huge.pem,
 * /redirect.pem, /hang.pem (never answers); 404 for any other path.
 */
export async function startKeyServer(keys: KeyPair): Promise<KeyServer> {
  const hanging: Array<() => void> = []
  const hits: string[] = []
  let rotating = keys.publicPem
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '')
    switch (request.url) {
      case '/key.pem':
        return response.end(keys.publicPem)
      case '/pkcs1.pem':
        return response.end(keys.publicPkcs1Pem)
      case '/rotating.pem':
        return response.end(rotating)
      case '/not-pem.pem':
        return response.end('<html>definitely not a key</html>')
      case '/huge.pem':
        return response.end(`-----BEGIN PUBLIC KEY-----\n${'A'.repeat(100_000)}\n-----END PUBLIC KEY-----\n`)
      case '/redirect.pem':
        // To a key that would verify: following the redirect would accept the delivery.
        response.writeHead(302, { location: '/key.pem' })
        return response.end()
      case '/hang.pem':
        hanging.push(() => response.destroy())
        return
      default:
        response.statusCode = 404
        return response.end('no such key')
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    url: (path) => `${origin}${path}`,
    hits: (path) => (path === undefined ? hits.length : hits.filter((hit) => hit === path).length),
    rotate: (publicPem) => {
      rotating = publicPem
    },
    async close() {
      for (const end of hanging) end()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

/** The two signature headers of a delivery: `body` signed with `privateKey`, its key at `keyUrl`. */
export async function signatureHeaders(
  body: string | Uint8Array<ArrayBuffer>,
  privateKey: CryptoKey,
  keyUrl: string,
): Promise<DeliveryHeaders> {
  return { [SIGNATURE_HEADER]: await signBody(body, privateKey), [KEY_URL_HEADER]: keyUrl }
}

/** A test file's signing keys and loopback key server: made before its tests, stopped after them. */
export function useKeyServer(): { keys: KeyPair; server: KeyServer } {
  const fixture = {} as { keys: KeyPair; server: KeyServer }
  beforeAll(async () => {
    fixture.keys = await generateKeyPair()
    fixture.server = await startKeyServer(fixture.keys)
  })
  afterAll(() => fixture.server.close())
  return fixture
}
