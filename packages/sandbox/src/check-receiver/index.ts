// checkReceiver: a conformance kit for a webhook endpoint. It runs two key servers on loopback (one
// to trust, one not to), signs deliveries as flexEngage does, sends the battery (cases.ts) and says
// what passed, what to fix, and how.
import { createTestSigner } from '@flexengage/webhooks/testing'
import { runCases } from './cases.js'
import { type KeyServer, serveKey } from './key-server.js'
import type { ReceiverCheck } from './report.js'
import { keptAliveConnections, post } from './send.js'

export type { CaseResult, Verdict } from './cases.js'
export { formatCheck, type ReceiverCheck } from './report.js'

export interface CheckReceiverOptions {
  /** The endpoint to check, e.g. `http://127.0.0.1:3000/webhooks`. */
  url: string
  /** Where the trusted key server listens (default 127.0.0.1, a free port): a receiver trusts it as it trusts the sandbox. */
  keyHost?: string
  keyPort?: number
  /** Per delivery (default 10 000 ms, the sandbox's attempt timeout). */
  timeoutMs?: number
}

/** Where the kit's second, untrusted key server listens: loopback, but not a host a receiver trusts. */
const UNTRUSTED_KEY_HOST = '127.0.0.2'

/** A signer whose key `server` serves, at a .pem path (as a sandbox serves its key). */
async function signerServedBy(server: KeyServer) {
  const signer = await createTestSigner({
    keyUrl: `${server.origin}/check-receiver/${crypto.randomUUID()}.pem`,
  })
  server.serve(signer.publicKeyPem)
  return signer
}

/** Sends the battery to `url`; resolves with every case's verdict (it never throws for a bad receiver). */
export async function checkReceiver(options: CheckReceiverOptions): Promise<ReceiverCheck> {
  const keyHost = options.keyHost ?? '127.0.0.1'
  const trusted = await serveKey(keyHost, options.keyPort ?? 0)
  if (!trusted) throw new Error(`check-receiver: cannot listen on ${keyHost}:${options.keyPort ?? 0}`)
  const untrusted = await serveKey(UNTRUSTED_KEY_HOST)
  const connections = keptAliveConnections()
  try {
    const signer = await signerServedBy(trusted)
    const foreign = untrusted ? { signer: await signerServedBy(untrusted), server: untrusted } : undefined
    const cases = await runCases({
      signer,
      foreign,
      send: (signed) =>
        post(connections, options.url, signed.body, signed.headers, options.timeoutMs ?? 10_000),
    })
    const passed = cases.every((row) => row.verdict !== 'FAIL')
    return { url: options.url, keyUrl: signer.keyUrl, publicKeyPem: signer.publicKeyPem, cases, passed }
  } finally {
    connections.close()
    await trusted.close()
    await untrusted?.close()
  }
}
