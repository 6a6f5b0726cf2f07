#!/usr/bin/env node
// Usage: node tools/gates/check-coverage.mjs [--root DIR]
// Every operation of the spec must have a named method in @flexengage/webhooks or an entry in its
// ESCAPE_HATCH_ONLY list, and a CLI command or an entry in the CLI's CLI_OMITTED list. A new
// operation fails this check with a message naming it and saying how to resolve it. Reads the
// built packages (run after `pnpm build`).
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { repoRoot } from '../paths.mjs'
import { loadSpec } from '../spec/document.mjs'
import { describeOperations } from '../spec/walk.mjs'

/** Problems, one line each; empty when every operation is covered. */
export async function coverageProblems({ root = repoRoot, spec = join(root, 'spec/openapi.yaml') } = {}) {
  const load = (path) => import(pathToFileURL(join(root, path)).href)
  const client = await load('packages/ergonomic/dist/index.js')
  const cli = await load('packages/cli/dist/commands.js')
  const operations = describeOperations(loadSpec(spec))
  const named = new Set(Object.values(client.NAMED_METHODS))
  const commanded = new Set(Object.values(cli.COMMANDS).flatMap((command) => command.operations))
  const problems = []
  for (const { operationId, method, path } of operations) {
    const what = `${operationId} (${method} ${path})`
    if (!named.has(operationId) && !Object.hasOwn(client.ESCAPE_HATCH_ONLY, operationId)) {
      problems.push(
        `${what} has no method in @flexengage/webhooks: add one (packages/ergonomic/src, listed in NAMED_METHODS), ` +
          `or add it with a reason to ESCAPE_HATCH_ONLY in packages/ergonomic/src/coverage.ts; until then users call fe.request('${operationId}', ...)`,
      )
    }
    if (!commanded.has(operationId) && !Object.hasOwn(cli.CLI_OMITTED, operationId)) {
      problems.push(
        `${what} has no CLI command: add one (packages/cli/src/commands.ts), or add it with a reason to CLI_OMITTED there`,
      )
    }
  }
  const known = new Set(operations.map((op) => op.operationId))
  for (const [where, ids] of [
    ['ESCAPE_HATCH_ONLY', Object.keys(client.ESCAPE_HATCH_ONLY)],
    ['CLI_OMITTED', Object.keys(cli.CLI_OMITTED)],
  ]) {
    for (const id of ids)
      if (!known.has(id)) problems.push(`${where} lists ${id}, which the spec no longer has`)
  }
  return { problems, operations: operations.length }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { root: { type: 'string', default: repoRoot } } })
  const { problems, operations } = await coverageProblems({ root: values.root })
  if (problems.length > 0) {
    console.error(`check-coverage: ${problems.length} gap(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    process.exit(1)
  }
  console.log(
    `check-coverage: all ${operations} operations have a client method and a CLI command (or a listed reason)`,
  )
}
