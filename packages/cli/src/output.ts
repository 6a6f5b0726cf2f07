// Human tables by default, JSON for scripts.

export function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '(none)'
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** One line, at most `width` characters: for response bodies in a table. */
export function excerpt(text: string | undefined, width = 40): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim()
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
