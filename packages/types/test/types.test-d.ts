// Type-level contract of @flexengage/webhooks-types: relations that must hold whatever the spec
// says (aliases are the spec's schemas, the operation table and the types name the same operations,
// the helper types read the spec's operations), not a copy of today's shapes.
import { describe, expectTypeOf, test } from 'vitest'
import type {
  APIErrorResponse,
  components,
  DeliveryStatus,
  EventEnvelope,
  OperationId,
  operations,
  operationTable,
  PathParamsOf,
  QueryOf,
  RequestBodyOf,
  ResponseBodyFor,
  SmsReceiptData,
  StatusOf,
  SuccessBodyOf,
  Webhook,
  WebhookEvent,
  WebhookEventAttempt,
  WebhookEventDetail,
  WebhookEventsPage,
  WebhookPatchRequest,
  WebhookRequest,
} from '../src/index.js'

type Schemas = components['schemas']

describe('friendly names are the spec schemas', () => {
  test('each alias is exactly its component schema', () => {
    expectTypeOf<Webhook>().toEqualTypeOf<Schemas['WebhookResponse']>()
    expectTypeOf<WebhookRequest>().toEqualTypeOf<Schemas['WebhookRequest']>()
    expectTypeOf<WebhookPatchRequest>().toEqualTypeOf<Schemas['WebhookPatchRequest']>()
    expectTypeOf<WebhookEvent>().toEqualTypeOf<Schemas['WebhookEventSummary']>()
    expectTypeOf<WebhookEventDetail>().toEqualTypeOf<Schemas['WebhookEventResponse']>()
    expectTypeOf<WebhookEventAttempt>().toEqualTypeOf<Schemas['WebhookEventAttempt']>()
    expectTypeOf<WebhookEventsPage>().toEqualTypeOf<Schemas['WebhookEventsResponsePage']>()
    expectTypeOf<APIErrorResponse>().toEqualTypeOf<Schemas['APIErrorResponse']>()
    expectTypeOf<SmsReceiptData>().toEqualTypeOf<Schemas['SmsReceiptData']>()
  })

  test('an event detail is an event summary with attempts', () => {
    expectTypeOf<WebhookEventDetail>().toMatchTypeOf<WebhookEvent>()
    expectTypeOf<WebhookEventDetail['attempts']>().toEqualTypeOf<WebhookEventAttempt[]>()
  })
})

describe('operations: the generated table and the generated types agree', () => {
  test('OperationId names exactly the operations of the table', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<keyof typeof operationTable>()
  })

  test('the helper types read each operation of the spec', () => {
    expectTypeOf<PathParamsOf<OperationId>>().toEqualTypeOf<operations[OperationId]['parameters']['path']>()
    expectTypeOf<QueryOf<'listWebhookEvents'>>().toEqualTypeOf<
      NonNullable<operations['listWebhookEvents']['parameters']['query']>
    >()
    expectTypeOf<RequestBodyOf<'createWebhook'>>().toEqualTypeOf<WebhookRequest>()
    expectTypeOf<RequestBodyOf<'getWebhook'>>().toEqualTypeOf<never>()
    expectTypeOf<ResponseBodyFor<'getWebhook', 200>>().toEqualTypeOf<Webhook>()
    // PATCH answers 200 with a webhook or 204 without content: both are success bodies.
    expectTypeOf<SuccessBodyOf<'updateWebhook'>>().toEqualTypeOf<Webhook | undefined>()
    expectTypeOf<StatusOf<'getWebhook'>>().toEqualTypeOf<
      keyof operations['getWebhook']['responses'] & number
    >()
  })
})

describe('receiving side', () => {
  test('EventEnvelope types data by type, unknown types get unknown', () => {
    expectTypeOf<EventEnvelope<'NOTIFICATION.SMS.RECEIPT'>['data']>().toEqualTypeOf<SmsReceiptData>()
    expectTypeOf<EventEnvelope<'ORDER_EVENTS.OMS.ORDER_CREATED'>['data']>().toEqualTypeOf<unknown>()
    expectTypeOf<EventEnvelope['attemptId']>().toEqualTypeOf<Schemas['EventEnvelope']['attemptId']>()
  })

  test('DeliveryStatus accepts known and unknown values', () => {
    expectTypeOf<'SUCCESS'>().toMatchTypeOf<DeliveryStatus>()
    expectTypeOf<'SOMETHING_NEW'>().toMatchTypeOf<DeliveryStatus>()
  })
})
