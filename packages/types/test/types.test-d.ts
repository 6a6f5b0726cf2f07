// Type-level contract of @flexengage/webhooks-types: fails to compile if a field disappears,
// becomes optional, or changes type.
import { describe, expectTypeOf, test } from 'vitest'
import type {
  APIErrorResponse,
  DeliveryStatus,
  EventEnvelope,
  OperationId,
  operations,
  paths,
  SmsReceiptData,
  Webhook,
  WebhookEvent,
  WebhookEventAttempt,
  WebhookEventDetail,
  WebhookEventsPage,
  WebhookPatchRequest,
  WebhookRequest,
} from '../src/index.js'

describe('resources', () => {
  test('Webhook has every field, required, with its type', () => {
    expectTypeOf<Webhook>().toEqualTypeOf<{
      id: string
      created: string
      updated: string
      endpoint: string
      events: string[]
      enabled: boolean
    }>()
  })

  test('WebhookRequest requires endpoint and events; enabled is optional', () => {
    expectTypeOf<WebhookRequest>().toEqualTypeOf<{ endpoint: string; events: string[]; enabled?: boolean }>()
    expectTypeOf<WebhookPatchRequest>().toEqualTypeOf<{ enabled: boolean }>()
  })

  test('event summary, page and detail', () => {
    expectTypeOf<WebhookEvent>().toEqualTypeOf<{
      id: string
      type: string
      created: string
      updated: string
      status: string
    }>()
    expectTypeOf<WebhookEventsPage['events']>().toEqualTypeOf<WebhookEvent[]>()
    expectTypeOf<WebhookEventsPage['page']>().toEqualTypeOf<{
      size: number
      startId?: string
      lastId?: string
    }>()
    expectTypeOf<WebhookEventDetail['attempts']>().toEqualTypeOf<WebhookEventAttempt[]>()
    expectTypeOf<WebhookEventDetail>().toMatchTypeOf<WebhookEvent>()
  })

  test('an attempt records the request and, when there was one, the response', () => {
    expectTypeOf<WebhookEventAttempt['request']>().toEqualTypeOf<{
      endpoint: string
      headers: { [key: string]: string }
    }>()
    expectTypeOf<WebhookEventAttempt['response']>().toEqualTypeOf<
      { statusCode: number; headers: { [key: string]: string }; body: string; time: number } | undefined
    >()
  })

  test('APIErrorResponse fields are all optional; validations is a field -> message map', () => {
    expectTypeOf<APIErrorResponse>().toEqualTypeOf<{
      message?: string
      description?: string
      status?: number
      validations?: { [key: string]: string }
    }>()
  })
})

describe('operations', () => {
  test('exactly the eight operationIds', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<
      | 'createWebhook'
      | 'listWebhooks'
      | 'getWebhook'
      | 'updateWebhook'
      | 'deleteWebhook'
      | 'listWebhookEvents'
      | 'getWebhookEvent'
      | 'retryWebhookEvent'
    >()
  })

  test('list events query parameters keep their types', () => {
    expectTypeOf<NonNullable<operations['listWebhookEvents']['parameters']['query']>>().toEqualTypeOf<{
      size?: number
      start?: string
      end?: string
      startId?: string
    }>()
  })

  test('PATCH answers 200 with a webhook or 204 without content', () => {
    type Responses = operations['updateWebhook']['responses']
    expectTypeOf<Responses[200]['content']['application/json']>().toEqualTypeOf<Webhook>()
    expectTypeOf<Responses[204]['content']>().toEqualTypeOf<undefined>()
  })

  test('create answers 201 with a Location header', () => {
    type Created = paths['/v1/{brandId}/webhooks']['post']['responses'][201]
    expectTypeOf<Created['headers']['Location']>().toEqualTypeOf<string | undefined>()
  })
})

describe('receiving side', () => {
  test('EventEnvelope types data by type, unknown types get unknown', () => {
    expectTypeOf<EventEnvelope<'NOTIFICATION.SMS.RECEIPT'>['data']>().toEqualTypeOf<SmsReceiptData>()
    expectTypeOf<EventEnvelope<'ORDER_EVENTS.OMS.ORDER_CREATED'>['data']>().toEqualTypeOf<unknown>()
    expectTypeOf<EventEnvelope['attemptId']>().toEqualTypeOf<string>()
    expectTypeOf<SmsReceiptData>().toEqualTypeOf<{ phoneNumber: string; message: string; locale: string }>()
  })

  test('DeliveryStatus accepts known and unknown values', () => {
    expectTypeOf<'SUCCESS'>().toMatchTypeOf<DeliveryStatus>()
    expectTypeOf<'SOMETHING_NEW'>().toMatchTypeOf<DeliveryStatus>()
  })
})
