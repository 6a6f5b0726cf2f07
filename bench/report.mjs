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
const lines = [
  '# Benchmark results',
  '',
  `Written by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`,
  'Each figure is measured beside its peer in the same run. Ratio = this project / peer',
  '(higher is better for throughput, lower is better for times, overheads and sizes).',
  '',
  '| figure | this project | peer | peer value | ratio | target |',
  '| --- | ---: | --- | ---: | ---: | --- |',
  ...rows.map((r) => {
    const hasPeer = r.peer > 0
    const value = r.project / r.peer
    // Small ratios (start-up times) keep two significant digits instead of rounding to 0.00.
    const shown = hasPeer ? (value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)) : '-'
    return `| ${r.figure} | ${format(r.project)} | ${r.peerName} | ${hasPeer ? format(r.peer) : '-'} | ${shown} | ${r.target} |`
  }),
  '',
]
writeFileSync(new URL('./RESULTS.md', import.meta.url), lines.join('\n'))
console.log(lines.join('\n'))
