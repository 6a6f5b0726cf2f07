#!/usr/bin/env node
// Collects bench/results/*.json into one markdown table: bench/RESULTS.md.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'

const dir = new URL('./results/', import.meta.url)
const rows = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')))

const format = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2))
const header = ['figure', 'this project', 'peer', 'peer value', 'ratio', 'target']
const rightAligned = [false, true, false, true, true, false]
const cells = rows.map((r) => {
  const hasPeer = r.peer > 0
  const value = r.project / r.peer
  // Small ratios (start-up times) keep two significant digits instead of rounding to 0.00.
  const shown = hasPeer ? (value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)) : '-'
  return [r.figure, format(r.project), r.peerName, hasPeer ? format(r.peer) : '-', shown, r.target]
})
// Columns padded as the Markdown formatter (Biome) pads them, so the file passes lint as written.
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)))
const line = (row) =>
  `| ${row.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`
const rule = `| ${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`
const lines = [
  '# Benchmark results',
  '',
  `Written by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`,
  'Each figure is measured beside its peer in the same run. Ratio = this project / peer',
  '(higher is better for throughput, lower is better for times, overheads and sizes).',
  '',
  line(header),
  rule,
  ...cells.map(line),
  '',
]
writeFileSync(new URL('./RESULTS.md', import.meta.url), lines.join('\n'))
console.log(lines.join('\n'))
