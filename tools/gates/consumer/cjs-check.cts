// The body of the consumer's CommonJS source (the gate prepends an import of every subpath).
import { FlexEngageWebhooks, InvalidArgumentError } from '@flexengage/webhooks'
import { createVerifier } from '@flexengage/webhooks/receiver'
import { createMockFetch } from '@flexengage/webhooks-mock-handlers'

async function main() {
  const fe = new FlexEngageWebhooks({ brandId: 'ACME', token: 'consumer', fetch: createMockFetch() })
  const list = await fe.webhooks.list()
  const refused = await fe.webhooks.get('nope').catch((e: unknown) => e)
  if (
    list.length !== 0 ||
    !(refused instanceof InvalidArgumentError) ||
    typeof createVerifier() !== 'function'
  ) {
    throw new Error('cjs: wrong behaviour')
  }
  console.log('cjs ok')
}
main().catch((error) => {
  console.error(error)
  process.exit(1)
})
