#!/usr/bin/env node
// Usage: node tools/gates/check-sizes.mjs [--budgets FILE]
// Bundles each budgeted entry (esbuild, minified), gzips it, adds the gzipped size of the files it
// ships with (`with`: a page's HTML and CSS), prints the total beside its budget, and fails when one
// is over, or when a bundle holds a text it must not (`mustNotContain`: e.g. the test helpers, which
// stay out of the main entries).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { repoRoot } from '../paths.mjs'

/** The minified bundle of an entry. */
async function bundle(entry, external = []) {
  const result = await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external,
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0].contents
}

export async function gzippedBundleSize(entry, external = []) {
  return gzipSync(await bundle(entry, external), { level: 9 }).length
}

export async function checkSizes(budgetsFile) {
  const { budgets } = JSON.parse(readFileSync(budgetsFile, 'utf8'))
  const rows = []
  for (const budget of budgets) {
    const code = await bundle(budget.entry, budget.external)
    let size = gzipSync(code, { level: 9 }).length
    for (const file of budget.with ?? [])
      size += gzipSync(readFileSync(join(repoRoot, file)), { level: 9 }).length
    const text = Buffer.from(code).toString('utf8')
    const holds = (budget.mustNotContain ?? []).filter((forbidden) => text.includes(forbidden))
    rows.push({ ...budget, size, holds, over: size > budget.gzipBytes || holds.length > 0 })
  }
  return rows
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { budgets: { type: 'string', default: join(repoRoot, 'size-budgets.json') } },
  })
  const rows = await checkSizes(values.budgets)
  const width = Math.max(...rows.map((r) => r.label.length))
  for (const row of rows) {
    const percent = ((row.size / row.gzipBytes) * 100).toFixed(0)
    console.log(
      `${row.over ? 'OVER' : 'ok  '} ${row.label.padEnd(width)}  ${String(row.size).padStart(6)} B gzip  budget ${String(row.gzipBytes).padStart(6)} B  (${percent}%)${row.holds.length > 0 ? `  holds ${row.holds.join(', ')}` : ''}`,
    )
  }
  if (rows.some((r) => r.over)) {
    console.error(
      'check-sizes: over budget. Make it smaller, or raise the budget in size-budgets.json and say why in the commit.',
    )
    process.exit(1)
  }
}
