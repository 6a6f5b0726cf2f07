// The client's inputs and results are the spec's types: relations that hold whatever fields the spec
// gains or loses, so a new optional field is accepted and returned with no client change.
import type {
  Webhook as SpecWebhook,
  WebhookEvent as SpecWebhookEvent,
  WebhookEventDetail as SpecWebhookEventDetail,
  WebhookPatchRequest,
  WebhookRequest,
} from '@flexengage/webhooks-types'
import { describe, expectTypeOf, test } from 'vitest'
import type {
  CreateWebhookInput,
  FlexEngageWebhooks,
  Webhook,
  WebhookEvent,
  WebhookEventDetail,
} from '../src/index.js'

type Resolved<T> = T extends PromiseLike<infer V> ? V : never
type Client = FlexEngageWebhooks['webhooks']

describe('one model family', () => {
  test('inputs are the spec request types: every field the spec declares is accepted', () => {
    expectTypeOf<CreateWebhookInput>().toEqualTypeOf<WebhookRequest>()
    expectTypeOf<Parameters<Client['create']>[0]>().toEqualTypeOf<WebhookRequest>()
    expectTypeOf<Parameters<Client['ensure']>[0]>().toEqualTypeOf<WebhookRequest>()
    expectTypeOf<Parameters<Client['update']>[1]>().toEqualTypeOf<WebhookPatchRequest>()
  })

  test('results are the types package types, both ways', () => {
    expectTypeOf<Webhook>().toEqualTypeOf<SpecWebhook>()
    expectTypeOf<WebhookEvent>().toEqualTypeOf<SpecWebhookEvent>()
    expectTypeOf<WebhookEventDetail>().toEqualTypeOf<SpecWebhookEventDetail>()
    expectTypeOf<Resolved<ReturnType<Client['get']>>>().toEqualTypeOf<SpecWebhook>()
    expectTypeOf<Resolved<ReturnType<Client['list']>>>().toEqualTypeOf<SpecWebhook[]>()
    expectTypeOf<Resolved<ReturnType<Client['events']['get']>>>().toEqualTypeOf<SpecWebhookEventDetail>()
  })
})
