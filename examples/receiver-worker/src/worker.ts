// A Cloudflare Worker that receives flexEngage deliveries: the receiver's Fetch adapter is the whole
// handler. TRUST_LOCAL_SANDBOX (a binding, "1" in development only) trusts the local sandbox's key.
// Handled event ids are kept in the isolate's memory and served at GET /handled, for this example's
// test; a real Worker would hand each event to a Queue or a Durable Object instead.
import { createReceiver, type Receiver } from '@flexengage/webhooks/receiver'

interface Env {
  TRUST_LOCAL_SANDBOX?: string
}

const handled: string[] = []
let receiver: Receiver | undefined

function receiverFor(env: Env): Receiver {
  const record = (event: { id: string }) => void handled.push(event.id)
  receiver ??= createReceiver({
    trustLocalSandbox: env.TRUST_LOCAL_SANDBOX === '1',
    on: { '*': record },
    unlisted: { '*': record },
  })
  return receiver
}

export default {
  fetch(request: Request, env: Env): Promise<Response> | Response {
    const { pathname } = new URL(request.url)
    if (request.method === 'GET' && pathname === '/handled') return Response.json(handled)
    return receiverFor(env).fetch(request)
  },
}
