// The app's start-up step: subscribe its endpoint to SMS receipts. A 409 means the subscription is
// already there (another instance, an earlier deploy): reuse it. A 401 is a configuration mistake,
// reported as one.
import { AuthenticationError, ConflictError, type FlexEngageWebhooks } from '@flexengage/webhooks'

export const RECEIPT_EVENTS = ['NOTIFICATION.SMS.RECEIPT']

export class MisconfiguredCredentialsError extends Error {
  override name = 'MisconfiguredCredentialsError'
}

export async function subscribeToReceipts(fe: FlexEngageWebhooks, endpoint: string) {
  try {
    const webhook = await fe.webhooks.create({ endpoint, events: RECEIPT_EVENTS })
    return { webhookId: webhook.id, reused: false }
  } catch (error) {
    if (error instanceof ConflictError) {
      const { webhook } = await fe.webhooks.ensure({ endpoint, events: RECEIPT_EVENTS })
      return { webhookId: webhook.id, reused: true }
    }
    if (error instanceof AuthenticationError) {
      throw new MisconfiguredCredentialsError('flexEngage refused the API token: check FLEXENGAGE_TOKEN', {
        cause: error,
      })
    }
    throw error
  }
}
