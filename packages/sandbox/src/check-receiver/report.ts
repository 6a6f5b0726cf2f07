// The kit's findings as a table for people (one row per case, then each fix) or as JSON for CI.
import type { CaseResult } from './cases.js'

export interface ReceiverCheck {
  url: string
  /** The key URL the genuine deliveries name: the receiver must trust it as it trusts the sandbox's. */
  keyUrl: string
  publicKeyPem: string
  cases: CaseResult[]
  /** True when no case failed (WARNs allowed). */
  passed: boolean
}

const pad = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width)

/** One row per case: case, what was sent, what came back, the verdict; then each FAIL's and WARN's fix. */
export function formatCheck(check: ReceiverCheck): string {
  const widths = { id: 28, sent: 62, got: 30 }
  const lines = [
    `check-receiver ${check.url}`,
    `  genuine deliveries name the key ${check.keyUrl} (trust it as you trust the local sandbox)`,
    '',
    `${pad('case', widths.id)} ${pad('sent', widths.sent)} ${pad('got', widths.got)} verdict`,
    ...check.cases.map(
      (row) =>
        `${pad(row.id, widths.id)} ${pad(row.sent, widths.sent)} ${pad(row.got, widths.got)} ${row.verdict}`,
    ),
    '',
  ]
  for (const row of check.cases.filter((candidate) => candidate.fix && candidate.verdict !== 'PASS')) {
    lines.push(`${row.verdict} ${row.id}: ${row.fix}`)
  }
  const count = (verdict: string) => check.cases.filter((row) => row.verdict === verdict).length
  lines.push(
    `${count('PASS')} PASS, ${count('WARN')} WARN, ${count('FAIL')} FAIL${count('SKIP') ? `, ${count('SKIP')} SKIP` : ''}`,
  )
  return lines.join('\n')
}
