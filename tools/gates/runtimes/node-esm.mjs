// @ts-check
// The Node flow with every package loaded through `import`.
import { FlexEngageWebhooks } from '@flexengage/webhooks'
import { createReceiver } from '@flexengage/webhooks/receiver'
import { startSandbox } from '@flexengage/webhooks-sandbox'
import { deliveryExamples, listedEventTypes } from '@flexengage/webhooks-types'
import flow from './node-flow.cjs'

await flow.runNodeFlow({
  FlexEngageWebhooks,
  createReceiver,
  startSandbox,
  deliveryExamples,
  listedEventTypes,
})
