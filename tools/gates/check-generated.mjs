#!/usr/bin/env node
// Usage: node tools/gates/check-generated.mjs [--tree DIR] [--spec FILE]
// Bundles the spec (lint, normalize) and regenerates every package from it into a scratch directory,
// then diffs both against what DIR (default: this repo) commits: spec/generated/openapi.json and each
// src/generated directory (git diff --no-index). Fails on any difference, on a file the generator did
// not produce, and on a generated file without the @generated header.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { hasGeneratedHeader } from '../generate/generated-header.mjs'
import { generatedDirOf, generators } from '../generate/generators.mjs'
import { bundledSpecPath, defaultSpecPath, repoRoot } from '../paths.mjs'
import { bundleSpec } from '../spec/document.mjs'

const { values } = parseArgs({
  options: {
    tree: { type: 'string', default: repoRoot },
    spec: { type: 'string', default: defaultSpecPath },
  },
})

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

const problems = []
const scratchRoot = await mkdtemp(join(tmpdir(), 'flexengage-check-generated-'))
try {
  const bundle = bundleSpec(values.spec)
  if (!bundle.ok) {
    console.error(bundle.output)
    throw new Error(`check:generated: ${values.spec} does not lint`)
  }
  const committedBundle = join(values.tree, relative(repoRoot, bundledSpecPath))
  if (!existsSync(committedBundle) || readFileSync(committedBundle, 'utf8') !== bundle.text) {
    problems.push(`${relative(repoRoot, bundledSpecPath)} does not match the spec; run pnpm generate`)
  }
  const specPath = join(scratchRoot, 'openapi.json')
  await writeFile(specPath, bundle.text)
  for (const [name, generator] of Object.entries(generators)) {
    const committed = generatedDirOf(values.tree, generator)
    const regenerated = generatedDirOf(scratchRoot, generator)
    spawnSync('mkdir', ['-p', regenerated])
    await generator.generate(specPath, regenerated)
    if (!existsSync(committed)) {
      problems.push(`${name}: ${relative(values.tree, committed)} is missing; run pnpm generate`)
      continue
    }
    const diff = spawnSync(
      'git',
      ['diff', '--no-index', '--exit-code', '--stat', '--patch', '--', committed, regenerated],
      { encoding: 'utf8' },
    )
    if (diff.status !== 0) {
      process.stdout.write(diff.stdout)
      problems.push(
        `${name}: ${relative(values.tree, committed)} differs from what the generator produces (hand edit, stray file, or spec changed without pnpm generate)`,
      )
    }
    for (const file of filesUnder(committed)) {
      if (/\.(ts|js|mts|cts|mjs|cjs)$/.test(file) && !hasGeneratedHeader(readFileSync(file, 'utf8'))) {
        problems.push(`${name}: ${relative(values.tree, file)} lacks the @generated header line`)
      }
    }
  }
  const packagesDir = join(values.tree, 'packages')
  const owned = new Set(Object.values(generators).map((g) => g.packageDir))
  for (const dir of existsSync(packagesDir) ? readdirSync(packagesDir) : []) {
    const packageDir = `packages/${dir}`
    if (existsSync(join(values.tree, packageDir, 'src', 'generated')) && !owned.has(packageDir)) {
      problems.push(
        `${packageDir}/src/generated is not produced by any generator in tools/generate/generators.mjs`,
      )
    }
  }
} finally {
  await rm(scratchRoot, { recursive: true, force: true })
}

if (problems.length > 0) {
  console.error(`check:generated failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  process.exit(1)
}
console.log(`check:generated: ${Object.keys(generators).length} generated package(s) match the spec`)
