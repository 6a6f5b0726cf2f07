// Logging: each request and each retry is a line; no line, at any level, holds the token, an
// Authorization header or a request body.
import { afterEach, describe, expect, test } from 'vitest'
import { FlexEngageWebhooks, InvalidArgumentError, type Logger, type LogLevel } from '../src/index.js'
import { BRAND, hook, setup, TOKEN } from './helpers.js'

function recording(): Logger & { lines: Array<[LogLevel, string]> } {
  const lines: Array<[LogLevel, string]> = []
  return {
    lines,
    debug: (message) => lines.push(['debug', message]),
    info: (message) => lines.push(['info', message]),
    warn: (message) => lines.push(['warn', message]),
    error: (message) => lines.push(['error', message]),
  }
}

afterEach(() => {
  delete process.env.FLEXENGAGE_LOG
})

describe('logging', () => {
  test('requests at info (method, path, status, attempt, time, request id), retries with reason and delay', async () => {
    const logger = recording()
    const { fe, mock } = setup({ logger, logLevel: 'info' })
    const { id } = mock.seedWebhook(BRAND, hook)
    mock.use('getWebhook', [{ status: 503, headers: { 'x-request-id': 'req-42' } }])
    await fe.webhooks.get(id)
    const messages = logger.lines.map(([level, line]) => `${level} ${line}`)
    expect(messages).toEqual([
      expect.stringMatching(
        new RegExp(
          `^info \\[flexengage\\] GET /v1/ACME/webhooks/${id} -> 503 \\(attempt 1, \\d+ ms, request id req-42\\)$`,
        ),
      ),
      expect.stringMatching(
        /^warn \[flexengage\] retrying GET \/v1\/ACME\/webhooks\/\S+ in \d+ ms \(retry 1\): .*answered 503/,
      ),
      expect.stringMatching(
        new RegExp(`^info \\[flexengage\\] GET /v1/ACME/webhooks/${id} -> 200 \\(attempt 2, \\d+ ms\\)$`),
      ),
    ])
  })

  test('at debug, every line of a busy session is free of the token, the Authorization header and bodies', async () => {
    const logger = recording()
    const tokens = ['stale-token-1', TOKEN]
    const { fe, mock } = setup(
      { logger, logLevel: 'debug', token: () => tokens.shift() ?? TOKEN },
      { tokens: { [TOKEN]: '*' } },
    )
    const secretField = 'https://example.com/only-in-the-body'
    const created = await fe.webhooks.create({ ...hook, endpoint: secretField })
    mock.use('getWebhook', [{ network: 'drop' }, 500])
    await fe.webhooks.get(created.id)
    await fe.webhooks.update(created.id, { enabled: false })
    await fe.webhooks.get('3fa85f64-5717-4562-b3fc-2c963f66afa6').catch(() => undefined)
    expect(logger.lines.length).toBeGreaterThan(6)
    expect(logger.lines.some(([level]) => level === 'debug')).toBe(true)
    for (const [, line] of logger.lines) {
      expect(line).not.toContain(TOKEN)
      expect(line).not.toContain('stale-token-1')
      expect(line.toLowerCase()).not.toContain('authorization')
      expect(line).not.toContain(secretField)
    }
  })

  test('FLEXENGAGE_LOG sets the level; off is silent; a wrong value is refused', async () => {
    process.env.FLEXENGAGE_LOG = 'info'
    const logger = recording()
    const { fe } = setup({ logger, logLevel: undefined })
    await fe.webhooks.list()
    expect(logger.lines.map(([level]) => level)).toContain('info')

    process.env.FLEXENGAGE_LOG = 'off'
    const quiet = recording()
    const silent = setup({ logger: quiet, logLevel: undefined })
    silent.mock.use('listWebhooks', [503])
    await silent.fe.webhooks.list()
    expect(quiet.lines).toEqual([])

    process.env.FLEXENGAGE_LOG = 'chatty'
    expect(() => new FlexEngageWebhooks({ brandId: BRAND, token: TOKEN })).toThrow(InvalidArgumentError)
  })
})
