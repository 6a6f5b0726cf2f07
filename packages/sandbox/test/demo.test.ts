// The README's main job, as a test: the whole lifecycle behaves and leaves nothing running.
import { DELIVERY_STATUS, listedEventTypes } from '@flexengage/webhooks-types'
import { expect, test } from 'vitest'
import { runDemo } from '../src/demo.js'

test('the demo delivers, redelivers after the receiver fails once, and deduplicates the API retry', async () => {
  const lines: string[] = []
  const result = await runDemo((line) => lines.push(line))
  expect(result.problems).toEqual([])
  // One event per listed type, the first re-sent through the API; then the unlisted one, failed once.
  const listedRows = listedEventTypes.map((_, index) => [
    DELIVERY_STATUS.delivered,
    index === 0 ? '200 -> 200' : '200',
    1,
  ])
  expect(result.rows.map((r) => [r.status, r.attempts, r.handlerRuns])).toEqual([
    ...listedRows,
    [DELIVERY_STATUS.delivered, '500 -> 200', 2],
  ])
  expect(lines.join('\n')).toContain('All deliveries verified, retried and deduplicated as expected.')
})

test('the demo prints the inspector link, which serves the inspector until the demo closes', async () => {
  const lines: string[] = []
  let served: number | undefined
  const result = await runDemo((line) => lines.push(line), {
    beforeClose: async () => {
      const link = lines.find((line) => line.startsWith('inspector: '))?.slice('inspector: '.length)
      served = (await fetch(link as string)).status
    },
  })
  expect(result.ok).toBe(true)
  expect(served).toBe(200)
})
