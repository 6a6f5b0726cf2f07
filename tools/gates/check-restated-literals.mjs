#!/usr/bin/env node
// Usage: node tools/gates/check-restated-literals.mjs [--root DIR]
// Fails when a handwritten source file states one of the spec's distinctive facts itself instead of
// reading it from the generated code: a delivery header name or fixed value, a server URL or host, a
// key host, an operation's path template, or a listed event type. Names each file, line and literal.
// Scanned: shipped sources (packages/*/src, outside src/generated; the sandbox inspector), tools and
// benches. Tests, examples and READMEs write what a user writes and are not scanned.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { repoRoot } from '../paths.mjs'
import { describeDelivery } from '../spec/delivery.mjs'
import { loadSpec } from '../spec/document.mjs'
import { listOperations } from '../spec/walk.mjs'

/** A media type such as `application/json`: generic HTTP, not a fact of this spec. */
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/

/** The spec's distinctive literals: [{ literal, what, ignoreCase }]. */
export function distinctiveLiterals(spec) {
  const delivery = describeDelivery(spec)
  const found = []
  const add = (literal, what, ignoreCase = false) => found.push({ literal, what, ignoreCase })
  for (const name of Object.values(delivery.headerNames)) {
    if (/^x-/i.test(name)) add(name, 'a delivery header name', true)
  }
  for (const value of Object.values(delivery.fixedHeaders)) {
    if (!MEDIA_TYPE.test(value)) add(value, 'a fixed delivery header value')
  }
  for (const url of Object.values(delivery.servers)) {
    add(url, 'a server URL')
    add(new URL(url).host, 'a server host')
  }
  for (const host of Object.values(delivery.keyHosts)) add(host, 'a key host')
  for (const { path } of listOperations(spec)) if (path.includes('{')) add(path, 'an operation path')
  for (const { type } of delivery.events) add(type, 'a listed event type')
  // Longest first, so a URL is reported as itself rather than as the host inside it.
  return found.sort((a, b) => b.literal.length - a.literal.length)
}

const SCANNED = /^(packages\/[^/]+\/(src|inspector)\/|tools\/|bench\/)/
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|html|css)$/
const SKIPPED = /(^|\/)(generated|test|dist|node_modules)\//

/** Handwritten source files under `root`, as git knows them (tracked or not ignored). */
export function handwrittenSources(root) {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => SCANNED.test(file) && SOURCE.test(file) && !SKIPPED.test(file))
}

/** Every restatement under `root`: [{ file, line, literal, what }]. */
export function restatedLiterals(
  root = repoRoot,
  spec = loadSpec(join(root, 'spec/generated/openapi.json')),
) {
  const literals = distinctiveLiterals(spec)
  const found = []
  for (const file of handwrittenSources(root)) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n')
    lines.forEach((text, index) => {
      const lower = text.toLowerCase()
      const hit = literals.find(({ literal, ignoreCase }) =>
        ignoreCase ? lower.includes(literal.toLowerCase()) : text.includes(literal),
      )
      if (hit) found.push({ file, line: index + 1, literal: hit.literal, what: hit.what })
    })
  }
  return found
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { root: { type: 'string', default: repoRoot } } })
  const found = restatedLiterals(values.root)
  if (found.length > 0) {
    console.error(
      `check-restated-literals: ${found.length} handwritten line(s) restate the spec; read these from @flexengage/webhooks-types (delivery, serverUrls, listedEventTypes, operationTable) instead:`,
    )
    for (const { file, line, literal, what } of found) {
      console.error(`  ${relative(values.root, join(values.root, file))}:${line}: ${what}, "${literal}"`)
    }
    process.exit(1)
  }
  console.log(
    'check-restated-literals: no handwritten source restates a header, host, URL, path or event type',
  )
}
