// @ts-check
// The Node runtime check, written once and run from ESM (node-esm.mjs) and CommonJS (node-cjs.cjs),
// which differ only in how they load the packages: the client creates a webhook on a real sandbox, the
// sandbox's signed delivery is verified through `receiver.node`, and the same signature headers over a
// body that names another brand are refused.
const { once } = require('node:events')
const { createServer } = require('node:http')

/**
 * @param {{ FlexEngageWebhooks: typeof import('@flexengage/webhooks').FlexEngageWebhooks,
 *   createReceiver: typeof import('@flexengage/webhooks/receiver').createReceiver,
 *   startSandbox: typeof import('@flexengage/webhooks-sandbox').startSandbox,
 *   deliveryExamples: typeof import('@flexengage/webhooks-types').deliveryExamples,
 *   listedEventTypes: typeof import('@flexengage/webhooks-types').listedEventTypes }} packages
 */
async function runNodeFlow({
  FlexEngageWebhooks,
  createReceiver,
  startSandbox,
  deliveryExamples,
  listedEventTypes,
}) {
  const sandbox = await startSandbox()
  /** @type {string[]} */
  const handled = []
  const receiver = createReceiver({
    trustLocalSandbox: true,
    on: { '*': (event) => void handled.push(event.id) },
  })
  const server = createServer(receiver.node).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const endpoint = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/hooks`
  try {
    const sample = deliveryExamples[listedEventTypes[0]]
    const fe = new FlexEngageWebhooks({
      brandId: sample.brandId,
      token: sandbox.tokens[0] ?? '',
      baseUrl: sandbox.url,
    })
    const webhook = await fe.webhooks.create({ endpoint, events: [sample.type.split('.')[0] ?? sample.type] })
    const [event] = await sandbox.trigger(sample.brandId, sample.type, sample.data)
    if (!event) throw new Error('the sandbox made no event for the webhook')
    await sandbox.settled([event.id])
    const { attempts } = await fe.webhooks.events.get(webhook.id, event.id)
    const attempt = attempts[0]
    if (!attempt) throw new Error('the event has no attempt')
    const tampered = await fetch(endpoint, {
      method: 'POST',
      headers: attempt.request.headers,
      body: JSON.stringify({
        ...sample,
        created: new Date().toISOString(),
        id: event.id,
        webhookId: webhook.id,
        attemptId: attempt.id,
        brandId: 'TAMPERED',
      }),
    })
    const refused = await tampered.json()
    if (handled[0] !== event.id || tampered.status !== 400 || refused.error !== 'signature_mismatch') {
      throw new Error(
        `handled ${JSON.stringify(handled)}, tampered ${tampered.status} ${JSON.stringify(refused)}`,
      )
    }
    console.log('sandbox delivery verified (200), tampered one refused (400 signature_mismatch)')
  } finally {
    server.close()
    await sandbox.close()
  }
}

module.exports = { runNodeFlow }
