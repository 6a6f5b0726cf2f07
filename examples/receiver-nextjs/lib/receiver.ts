// One receiver per server process, shared by the route handlers. FLEXENGAGE_TRUST_LOCAL_SANDBOX=1
// (development and tests only) trusts the local sandbox's key.
import { createReceiver, type VerifiedEvent } from '@flexengage/webhooks/receiver'

/**
 * Handled event ids, in this process's memory: what the example's test reads back (a real app writes
 * to its database). On globalThis, so that every route's bundle sees the same list.
 */
const shared = globalThis as typeof globalThis & { flexEngageHandled?: string[] }
shared.flexEngageHandled ??= []
export const handled = shared.flexEngageHandled

const record = (event: VerifiedEvent) => void handled.push(event.id)

export const receiver = createReceiver({
  trustLocalSandbox: process.env.FLEXENGAGE_TRUST_LOCAL_SANDBOX === '1',
  on: { '*': record },
  unlisted: { '*': record },
})
