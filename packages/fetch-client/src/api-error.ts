import type { APIErrorResponse } from './generated/index.js'

/** A non-2xx answer: `status`, the parsed `APIErrorResponse` (when the body is one) and the raw text. */
export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    readonly status: number,
    readonly body: APIErrorResponse | undefined,
    readonly rawBody: string,
    readonly response: Response,
  ) {
    const detail = [body?.message, body?.description].filter(Boolean).join(': ')
    super(`flexEngage API answered ${status}${detail ? ` ${detail}` : ''}`)
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    const rawBody = await response.text()
    return new ApiError(response.status, parseErrorBody(rawBody), rawBody, response)
  }
}

function parseErrorBody(text: string): APIErrorResponse | undefined {
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as APIErrorResponse)
      : undefined
  } catch {
    return undefined
  }
}
