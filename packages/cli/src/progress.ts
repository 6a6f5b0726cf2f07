// Progress on long work: a redrawn bar on a terminal, plain lines otherwise (logs, CI, pipes).

export interface ProgressCounts {
  scanned: number
  matched: number
  retried: number
  failed: number
}

export interface ProgressReporter {
  update(counts: ProgressCounts): void
  done(): void
}

const WIDTH = 24

export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  let last = ''
  let lastLineAt = 0
  return {
    update(counts) {
      const settled = counts.retried + counts.failed
      const text = `${settled}/${counts.matched} re-sent, ${counts.failed} failed, ${counts.scanned} scanned`
      if (stream.isTTY) {
        const filled = counts.matched === 0 ? 0 : Math.round((settled / counts.matched) * WIDTH)
        const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`
        last = `\r${bar} ${text}`
        stream.write(`${last}\u001b[K`)
      } else if (Date.now() - lastLineAt >= 1_000 || settled === counts.matched) {
        // At most one line a second, plus the final one.
        if (text !== last) stream.write(`progress: ${text}\n`)
        last = text
        lastLineAt = Date.now()
      }
    },
    done() {
      if (stream.isTTY && last) stream.write('\n')
    },
  }
}
