#!/usr/bin/env node
// Usage: node tools/generate/bundle-spec.mjs
// Lints spec/openapi.yaml (the one lint of `pnpm generate`) and writes spec/generated/openapi.json,
// the normalized spec every generator reads and turbo keys their cache on: an edit that changes no
// meaning (comments, whitespace, key order) leaves it byte-identical, so generation is a cache hit.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { bundledSpecPath, defaultSpecPath, repoRoot } from '../paths.mjs'
import { bundleSpec } from '../spec/document.mjs'

const bundle = bundleSpec(defaultSpecPath)
if (!bundle.ok) {
  console.error(bundle.output)
  console.error(
    `bundle: ${relative(repoRoot, defaultSpecPath)} does not lint; no generated file was changed.`,
  )
  process.exit(1)
}
const unchanged = existsSync(bundledSpecPath) && readFileSync(bundledSpecPath, 'utf8') === bundle.text
if (!unchanged) {
  mkdirSync(dirname(bundledSpecPath), { recursive: true })
  writeFileSync(bundledSpecPath, bundle.text)
}
console.log(`bundle: ${relative(repoRoot, bundledSpecPath)} ${unchanged ? 'unchanged' : 'written'}`)
