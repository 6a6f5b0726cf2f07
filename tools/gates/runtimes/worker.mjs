// @ts-check
// A Cloudflare Worker as a consumer writes one: the receiver's fetch adapter is the whole handler.
import { createReceiver } from '@flexengage/webhooks/receiver'

const receiver = createReceiver({ trustLocalSandbox: true, on: { '*': () => undefined } })
export default { fetch: (/** @type {Request} */ request) => receiver.fetch(request) }
