export {
  type CaseResult,
  type CheckReceiverOptions,
  checkReceiver,
  formatCheck,
  type ReceiverCheck,
  type Verdict,
} from './check-receiver/index.js'
export { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from './deliverer.js'
export {
  DEFAULT_SANDBOX_TOKEN,
  type Sandbox,
  SandboxInputError,
  type SandboxOptions,
  startSandbox,
  type TriggeredEvent,
  type TriggerOptions,
} from './sandbox.js'
