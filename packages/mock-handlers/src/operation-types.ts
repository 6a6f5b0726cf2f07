// Types of each operation's parameters and bodies: the spec's, from @flexengage/webhooks-types.
export type {
  RequestBodyOf,
  ResponseBodyFor,
  ResponseBodyOf,
  StatusOf,
} from '@flexengage/webhooks-types'
