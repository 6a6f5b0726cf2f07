/** A response the mock was about to send breaks the spec; `violations` name each bad field's path. */
export class MockContractError extends Error {
  override readonly name = 'MockContractError'

  constructor(
    readonly operationId: string,
    readonly status: number,
    readonly violations: string[],
  ) {
    super(`mock ${operationId} ${status} response breaks spec/openapi.yaml: ${violations.join('; ')}`)
  }
}
