// The receiver's handler types, derived from the spec's delivery contract: checked by `tsc` (the
// typecheck task), and the unlisted-type subscription checked at run time.
import { describe, expect, expectTypeOf, test } from 'vitest'
import {
  createReceiver,
  type DeliveryEvent,
  type EventDataByType,
  type ListedEventGroup,
  type ListedEventType,
  listedEventTypes,
  type UnlistedEvent,
  type VerifiedEvent,
  verifyDelivery,
} from '../src/receiver/index.js'
import { envelope, signatureHeaders, useKeyServer } from './receiver-helpers.js'

const fixture = useKeyServer()
const [listed] = listedEventTypes
type Listed = typeof listed
/** The top-level group of the listed type: its first segment. */
type TopGroup<T extends string> = T extends `${infer Head}.${string}` ? Head : never
const group = listed.slice(0, listed.indexOf('.')) as TopGroup<Listed>

describe('handlers are typed by the spec', () => {
  test('an exact key gets its type; a group and * get the listed union; checking type narrows data', () => {
    createReceiver({
      on: {
        [listed]: (event) => {
          expectTypeOf(event).toEqualTypeOf<DeliveryEvent<Listed>>()
          expectTypeOf(event.data).toEqualTypeOf<EventDataByType[Listed]>()
        },
        [group]: (event) => {
          expectTypeOf(event).toMatchTypeOf<DeliveryEvent>()
          expectTypeOf(group).toMatchTypeOf<ListedEventGroup>()
          if (event.type === listed) expectTypeOf(event.data).toEqualTypeOf<EventDataByType[Listed]>()
        },
        '*': (event) => {
          expectTypeOf(event).toEqualTypeOf<DeliveryEvent>()
          if (event.type === listed) expectTypeOf(event.data).toEqualTypeOf<EventDataByType[Listed]>()
        },
      },
    })
  })

  test('a key that is neither a listed type nor a group of them does not compile', () => {
    createReceiver({
      on: {
        // @ts-expect-error a misspelt type: neither listed nor a listed group
        'NOTIFICATON.SMS.RECIEPT': () => undefined,
      },
    })
    createReceiver({
      on: {},
      unlisted: {
        // @ts-expect-error a listed type belongs in `on`, where its data is typed
        [listed]: () => undefined,
      },
    })
  })

  test('unlisted handlers get an object of unknown shape', () => {
    createReceiver({
      on: {},
      unlisted: { 'NEW.TYPE': (event) => expectTypeOf(event).toEqualTypeOf<UnlistedEvent>() },
    })
  })

  test('verifyDelivery returns a listed or an unlisted event; isListedEvent narrows', () => {
    expectTypeOf(verifyDelivery).returns.resolves.toEqualTypeOf<VerifiedEvent>()
    expectTypeOf<DeliveryEvent | UnlistedEvent>().toEqualTypeOf<VerifiedEvent>()
    expectTypeOf<ListedEventType>().toEqualTypeOf<(typeof listedEventTypes)[number]>()
  })
})

describe('a type the spec does not list yet', () => {
  test('reaches its explicit handler at run time, typed as unlisted', async () => {
    const seen: UnlistedEvent[] = []
    const receiver = createReceiver({
      on: { '*': () => expect.unreachable('an unlisted type must not reach `on`') },
      unlisted: { 'BRAND_NEW.EVENT': (event) => void seen.push(event) },
      trustLocalSandbox: true,
    })
    const body = envelope({ type: 'BRAND_NEW.EVENT', data: { shape: 'unknown to this package' } })
    const headers = await signatureHeaders(body, fixture.keys.privateKey, fixture.server.url('/key.pem'))
    const result = await receiver.receive({ body, headers })
    expect([result.status, result.outcome]).toEqual([200, 'handled'])
    expect(seen.map((e) => [e.type, e.data])).toEqual([
      ['BRAND_NEW.EVENT', { shape: 'unknown to this package' }],
    ])
  })
})
