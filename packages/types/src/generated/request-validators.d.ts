// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
export interface ValidationError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export type Validator = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };
export declare const listWebhooks: Validator;
export declare const createWebhook: Validator;
export declare const getWebhook: Validator;
export declare const deleteWebhook: Validator;
export declare const updateWebhook: Validator;
export declare const listWebhookEvents: Validator;
export declare const getWebhookEvent: Validator;
export declare const retryWebhookEvent: Validator;
