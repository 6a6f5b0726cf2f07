// Go-to-definition in a workspace app, as an editor runs it (the TypeScript language service on the
// app's tsconfig): every name each example imports from a toolkit package lands in that package's
// TypeScript sources (packages/*/src), never in dist/, with nothing built by hand first: the
// `@flexengage/source` condition does it. (Published consumers get there through the declaration
// maps: check-example-copied-out checks that on the packed packages.)
import { join, relative } from 'node:path'
import { describe, expect, test } from 'vitest'
import { definitionsOfToolkitImports } from '../gates/definitions.mjs'
import { repoRoot } from '../paths.mjs'
import { exampleNames } from '../workspace.mjs'

const examplesDir = join(repoRoot, 'examples')
const examples = exampleNames()

describe.each(examples)('examples/%s', (example) => {
  test('go-to-definition on every toolkit import lands in packages/*/src', () => {
    const landings = definitionsOfToolkitImports(join(examplesDir, example, 'tsconfig.json')).map(
      ({ imported, file }) => `${imported} -> ${file ? relative(repoRoot, file) : 'nowhere'}`,
    )
    expect(landings.length).toBeGreaterThan(0)
    expect(
      landings.filter((landing) => !/ -> packages\/[^/]+\/src\/[^ ]+(?<!\.d)\.ts$/.test(landing)),
    ).toEqual([])
  })
})
