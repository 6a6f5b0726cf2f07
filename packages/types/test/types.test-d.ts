// Type-level contract of @flexengage/webhooks-types: relations that must hold whatever the spec
// says (aliases are the spec's schemas, the operation table and the types name the same operations,
// the helper types read the spec's operations), not a copy of today's shapes.
import { describe, expectTypeOf, test } from 'vitest'
import type {
  APIErrorResponse,
  components,
  DeliveryEvent,
  DeliveryStatus,
  EventDataByType,
  EventEnvelope,
  EventsOf,
  ListedEventGroup,
  ListedEventKey,
  ListedEventType,
  listedEventTypes,
  OperationId,
  operations,
  operationTable,
  PathParamsOf,
  QueryOf,
  RequestBodyOf,
  ResponseBodyFor,
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
    expectTypeOf<EventEnvelope>().toEqualTypeOf<Schemas['EventEnvelope']>()
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

describe('receiving side: the delivery contract', () => {
  test('the listed types are the generated list, and DeliveryEvent is the spec union', () => {
    expectTypeOf<ListedEventType>().toEqualTypeOf<(typeof listedEventTypes)[number]>()
    // Both ways: the friendly union and the spec's oneOf describe the same bodies.
    expectTypeOf<DeliveryEvent>().toMatchTypeOf<Schemas['DeliveryEvent']>()
    expectTypeOf<Schemas['DeliveryEvent']>().toMatchTypeOf<DeliveryEvent>()
  })

  test('each listed type has its payload as data, and the envelope for the rest', () => {
    expectTypeOf<DeliveryEvent<ListedEventType>['data']>().toEqualTypeOf<EventDataByType[ListedEventType]>()
    expectTypeOf<DeliveryEvent<ListedEventType>['type']>().toEqualTypeOf<ListedEventType>()
    expectTypeOf<DeliveryEvent['attemptId']>().toEqualTypeOf<EventEnvelope['attemptId']>()
  })

  test('checking type narrows the union to exactly that type, for every listed type', () => {
    // TypeScript narrows a union by keeping the members whose `type` matches: Extract models it.
    expectTypeOf<{ [T in ListedEventType]: Extract<DeliveryEvent, { type: T }> }>().toEqualTypeOf<{
      [T in ListedEventType]: DeliveryEvent<T>
    }>()
  })

  test('subscription keys: types, their groups and *; what each receives', () => {
    expectTypeOf<ListedEventType>().toMatchTypeOf<ListedEventKey>()
    expectTypeOf<ListedEventGroup | '*'>().toMatchTypeOf<ListedEventKey>()
    expectTypeOf<'NOT.A.LISTED.TYPE'>().not.toMatchTypeOf<ListedEventKey>()
    expectTypeOf<EventsOf<'*'>>().toEqualTypeOf<DeliveryEvent>()
    expectTypeOf<EventsOf<ListedEventType>>().toEqualTypeOf<DeliveryEvent>()
    // A group receives only listed types under it.
    expectTypeOf<EventsOf<ListedEventGroup>['type']>().toMatchTypeOf<ListedEventType>()
  })

  test('DeliveryStatus accepts known and unknown values', () => {
    expectTypeOf<'SUCCESS'>().toMatchTypeOf<DeliveryStatus>()
    expectTypeOf<'SOMETHING_NEW'>().toMatchTypeOf<DeliveryStatus>()
  })
})
