export {
  type DeliveryEvent,
  type EventDataByType,
  type EventEnvelope,
  type EventsOf,
  isListedEvent,
  type ListedEventGroup,
  type ListedEventKey,
  type ListedEventType,
  listedEventTypes,
  type UnlistedEvent,
  type VerifiedEvent,
} from '@flexengage/webhooks-types'
export {
  createMemoryDedupeStore,
  DEFAULT_LEASE_MS,
  DEFAULT_RETENTION_MS,
  type DedupeClaim,
  type DedupeStore,
  type DedupeTimes,
  type MemoryDedupeOptions,
} from './dedupe.js'
export { SignatureVerificationError, type VerificationFailureReason } from './errors.js'
export { checkKeyUrl, FLEXENGAGE_KEY_HOSTS, type KeyUrlPolicy } from './key-url.js'
export { importPublicKeyPem, type KeyFetchOptions, type KeyResolver } from './keys.js'
export {
  DELIVERY_HEADERS,
  DELIVERY_USER_AGENT,
  envelopeBody,
  importPrivateKeyPem,
  KEY_URL_HEADER,
  SIGNATURE_HEADER,
  type SignedDelivery,
  signBody,
  signDelivery,
} from './protocol.js'
export {
  createReceiver,
  type FastifyLike,
  type FastifyReplyLike,
  type NodeRequestLike,
  type NodeResponseLike,
  type ReceiveOutcome,
  type ReceiveResult,
  type Receiver,
  type ReceiverOptions,
} from './receiver.js'
export {
  type EventHandlers,
  findHandler,
  type Handler,
  type HandlerContext,
  type UnlistedEventHandlers,
} from './routing.js'
export {
  createVerifier,
  DEFAULT_CLOCK_SKEW_MS,
  DEFAULT_MAX_DELIVERY_AGE_MS,
  type Delivery,
  type DeliveryHeaders,
  PROVIDER_RETRY_WINDOW_MS,
  type Verifier,
  type VerifierOptions,
  verifyDelivery,
} from './verify.js'
