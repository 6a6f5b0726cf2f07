#!/usr/bin/env node
// Prints the spec's operations as a table: the main job until the sandbox demo exists.
import { defaultSpecPath } from './paths.mjs'
import { listOperations, loadSpec } from './spec.mjs'

const spec = loadSpec(defaultSpecPath)
const rows = listOperations(spec).map(({ path, method, operation }) => ({
  operationId: operation.operationId,
  method: method.toUpperCase(),
  path,
  statuses: Object.keys(operation.responses).join(' '),
}))
console.log(`${spec.info.title} ${spec.info.version}: ${rows.length} operations`)
console.table(rows)
