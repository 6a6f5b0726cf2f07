#!/usr/bin/env node
// Usage: node tools/generate.mjs <generator> [--spec FILE]
// Lints the spec first; on any lint error nothing is written. Output is produced in a scratch
// directory next to the target and swapped in only when the generator succeeded.
import { mkdtemp, rename, rm } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { generatedDirOf, generators } from './generators.mjs'
import { defaultSpecPath, repoRoot } from './paths.mjs'
import { lintSpec } from './spec.mjs'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { spec: { type: 'string', default: defaultSpecPath } },
})
const [name] = positionals
const generator = generators[name]
if (!generator) {
  console.error(`Unknown generator "${name}". Known: ${Object.keys(generators).join(', ')}`)
  process.exit(2)
}

const lint = lintSpec(values.spec)
if (!lint.ok) {
  console.error(lint.output)
  console.error(`generate ${name}: ${values.spec} does not lint; no generated file was changed.`)
  process.exit(1)
}

const target = generatedDirOf(repoRoot, generator)
const scratch = await mkdtemp(join(dirname(target), '.generated-new-'))
try {
  await generator.generate(values.spec, scratch)
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
