// The main entry and ./receiver must run on browsers, Deno, Bun and edge runtimes: bundling them for a
// neutral platform, with every Node built-in left unresolvable, must succeed.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { expect, test } from 'vitest'

test.each(['src/index.ts', 'src/receiver/index.ts'])('%s needs no Node built-in', async (entry) => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    // The workspace's packages from their sources, as the rest of the suite sees them.
    conditions: ['@flexengage/source'],
    logLevel: 'silent',
    metafile: true,
  })
  const inputs = Object.keys(result.metafile.inputs)
  expect(
    inputs.filter(
      (input) => input.startsWith('node:') || /^(crypto|http|https|stream|buffer|util)$/.test(input),
    ),
  ).toEqual([])
  expect(result.errors).toEqual([])
})
