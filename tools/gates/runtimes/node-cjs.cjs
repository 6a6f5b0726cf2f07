// @ts-check
// The Node flow with every package loaded through `require`.
const { FlexEngageWebhooks } = require('@flexengage/webhooks')
const { createReceiver } = require('@flexengage/webhooks/receiver')
const { startSandbox } = require('@flexengage/webhooks-sandbox')
const { deliveryExamples, listedEventTypes } = require('@flexengage/webhooks-types')
const { runNodeFlow } = require('./node-flow.cjs')

runNodeFlow({ FlexEngageWebhooks, createReceiver, startSandbox, deliveryExamples, listedEventTypes }).catch(
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
