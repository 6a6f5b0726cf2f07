// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
export * from './APIErrorResponse';
export * from './DeliveryEvent';
export * from './EventEnvelope';
export * from './SmsReceiptData';
export * from './SmsReceiptEvent';
export * from './SmsReceiptEventAllOf';
export * from './WebhookAttemptRequest';
export * from './WebhookAttemptResponse';
export * from './WebhookEventAttempt';
export * from './WebhookEventResponse';
export * from './WebhookEventSummary';
export * from './WebhookEventsPage';
export * from './WebhookEventsResponsePage';
export * from './WebhookPatchRequest';
export * from './WebhookRequest';
export * from './WebhookResponse';
