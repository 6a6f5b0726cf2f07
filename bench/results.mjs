import { mkdirSync, writeFileSync } from 'node:fs'

/** Each benchmark leaves its rows in bench/results/NAME.json. */
export function writeResults(name, rows) {
  mkdirSync(new URL('./results', import.meta.url), { recursive: true })
  writeFileSync(new URL(`./results/${name}.json`, import.meta.url), `${JSON.stringify(rows, null, 2)}\n`)
}
