#!/usr/bin/env node
import { rmSync } from 'node:fs'
// Usage: node tools/generate/generate.mjs <generator> [--spec FILE]
// Generates from the bundled spec (spec/generated/openapi.json, linted once by tools/generate/bundle-spec.mjs,
// which `pnpm generate` runs first). Given another spec (YAML), lints and normalizes it the same way
// first; on any lint error nothing is written. Output is produced in a scratch directory next to the
// target and swapped in only when the generator succeeded.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { bundledSpecPath, repoRoot } from '../paths.mjs'
import { bundleSpec } from '../spec/document.mjs'
import { generatedDirOf, generators } from './generators.mjs'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { spec: { type: 'string', default: bundledSpecPath } },
})
const [name] = positionals
const generator = generators[name]
if (!generator) {
  console.error(`Unknown generator "${name}". Known: ${Object.keys(generators).join(', ')}`)
  process.exit(2)
}

let specPath = values.spec
if (specPath !== bundledSpecPath) {
  const bundle = bundleSpec(specPath)
  if (!bundle.ok) {
    console.error(bundle.output)
    console.error(`generate ${name}: ${values.spec} does not lint; no generated file was changed.`)
    process.exit(1)
  }
  const bundleDir = await mkdtemp(join(tmpdir(), 'flexengage-spec-'))
  process.on('exit', () => rmSync(bundleDir, { recursive: true, force: true }))
  specPath = join(bundleDir, 'openapi.json')
  await writeFile(specPath, bundle.text)
}

const target = generatedDirOf(repoRoot, generator)
const scratch = await mkdtemp(join(dirname(target), '.generated-new-'))
try {
  await generator.generate(specPath, scratch)
} catch (error) {
  await rm(scratch, { recursive: true, force: true })
  console.error(`generate ${name} failed; no generated file was changed.`)
  throw error
}
const previous = `${target}.previous`
await rm(previous, { recursive: true, force: true })
await rename(target, previous).catch((error) => {
  if (error.code !== 'ENOENT') throw error
})
await rename(scratch, target)
await rm(previous, { recursive: true, force: true })
console.log(`generate ${name}: wrote ${relative(repoRoot, target)}`)
