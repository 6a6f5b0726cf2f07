// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
export interface ValidationError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export type Validator = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };
export declare const envelope: Validator;
export declare const data0: Validator;
