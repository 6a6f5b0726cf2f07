// check-function-sizes counts a function from its first line to its last, wherever it is declared.
import { expect, test } from 'vitest'
import { longFunctions, MAX_FUNCTION_LINES } from '../gates/check-function-sizes.mjs'

const body = (lines: number) => Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i}`).join('\n')

test('a function one line over the limit is named; one at the limit is not', () => {
  const source = [
    `export function atTheLimit() {\n${body(MAX_FUNCTION_LINES)}\n}`,
    `export const overTheLimit = () => {\n${body(MAX_FUNCTION_LINES + 1)}\n}`,
    `class Holder {\n  method() {\n${body(MAX_FUNCTION_LINES + 5)}\n  }\n}`,
  ].join('\n')
  const found = longFunctions('example.ts', source).map(({ name, lines }) => [name, lines])
  expect(found).toEqual([
    ['overTheLimit', MAX_FUNCTION_LINES + 1],
    ['method', MAX_FUNCTION_LINES + 5],
  ])
})
