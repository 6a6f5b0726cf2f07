// The API's answers as the mock and the sandbox send them: JSON bodies, and the error body
// (`APIErrorResponse`: message, description, status, validations) written once for both.
import type { APIErrorResponse } from '@flexengage/webhooks-types'

/** What the core answers; each adapter turns it into its own response type. */
export interface MockAnswer {
  status: number
  headers: Record<string, string>
  body: string | null
}

/** A JSON answer (no body for `undefined`). */
export const jsonAnswer = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): MockAnswer =>
  body === undefined
    ? { status, headers, body: null }
    : { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }

/** The API's error body: `{ message, description, status }`, with `validations` on a 422. */
export function apiError(
  status: number,
  message: string,
  description: string,
  validations?: Record<string, string>,
): APIErrorResponse {
  return { message, description, status, ...(validations ? { validations } : {}) }
}

/** The API's answer to a request it refuses as invalid, naming each field. */
export const unprocessable = (validations: Record<string, string>) =>
  apiError(422, 'UNPROCESSABLE ENTITY', 'There are errors in the request', validations)

/** The bearer token of an `Authorization` header, or undefined. */
export const bearerToken = (header: string | null | undefined): string | undefined =>
  /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() || undefined
