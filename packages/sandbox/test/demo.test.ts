// The README's main job, as a test: the whole lifecycle behaves and leaves nothing running.
import { expect, test } from 'vitest'
import { runDemo } from '../src/demo.js'

test('the demo delivers, redelivers after the receiver fails once, and deduplicates the API retry', async () => {
  const lines: string[] = []
  const result = await runDemo((line) => lines.push(line))
  expect(result.problems).toEqual([])
  expect(result.rows.map((r) => [r.status, r.attempts, r.handlerRuns])).toEqual([
    ['SUCCESS', '200 -> 200', 1],
    ['SUCCESS', '200', 1],
    ['SUCCESS', '500 -> 200', 2],
  ])
  expect(lines.join('\n')).toContain('All deliveries verified, retried and deduplicated as expected.')
})
