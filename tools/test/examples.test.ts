// The examples are copied out of the repository by users, so each carries its own copy of what it
// shares with the others instead of importing it. These checks keep the copies from drifting apart.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { repoRoot } from '../paths.mjs'
import { exampleNames } from '../workspace.mjs'

const examplesDir = join(repoRoot, 'examples')
const examples = exampleNames()
const read = (example: string, file: string) => readFileSync(join(examplesDir, example, file), 'utf8')

test('every example resolves the toolkit the same way: one vitest.config.ts, copied', () => {
  const [first, ...rest] = examples
  const config = read(first as string, 'vitest.config.ts')
  expect(config).toContain('@flexengage/source')
  for (const example of rest) expect(read(example, 'vitest.config.ts'), example).toBe(config)
})

test('every example takes the toolkit from the workspace, sets its source condition, and has test and typecheck scripts', () => {
  for (const example of examples) {
    const manifest = JSON.parse(read(example, 'package.json'))
    const toolkit = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
      ([name]) => name.startsWith('@flexengage/'),
    )
    expect(toolkit.length, example).toBeGreaterThan(0)
    expect(
      toolkit.filter(([, range]) => range !== 'workspace:^'),
      example,
    ).toEqual([])
    expect(Object.keys(manifest.scripts), example).toEqual(expect.arrayContaining(['test', 'typecheck']))
    expect(JSON.parse(read(example, 'tsconfig.json')).compilerOptions.customConditions, example).toEqual([
      '@flexengage/source',
    ])
    expect(read(example, 'README.md').length, example).toBeGreaterThan(0)
  }
})
