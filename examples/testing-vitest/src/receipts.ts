// The app's webhook endpoint: records each SMS receipt flexEngage reports once, however often it is
// delivered. Verification options are the caller's: none in production (keys from flexEngage's
// hosts), the test signer's `trust` in tests.
import { createReceiver, type ReceiverOptions } from '@flexengage/webhooks/receiver'

export interface SentReceipt {
  eventId: string
  phoneNumber: string
  message: string
}

export function createReceiptsEndpoint(
  record: (receipt: SentReceipt) => void,
  verification: Omit<ReceiverOptions, 'on'> = {},
) {
  const receiver = createReceiver({
    ...verification,
    on: {
      // Typed by the spec: `event.data` is the SMS receipt payload.
      'NOTIFICATION.SMS.RECEIPT': (event) =>
        record({ eventId: event.id, phoneNumber: event.data.phoneNumber, message: event.data.message }),
    },
  })
  return receiver.fetch
}
