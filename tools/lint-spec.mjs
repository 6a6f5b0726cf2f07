#!/usr/bin/env node
// Usage: node tools/lint-spec.mjs FILE: redocly lint with the committed ruleset (spec/redocly.yaml).
import { lintSpec } from './spec.mjs'

const lint = lintSpec(process.argv[2])
process.stdout.write(lint.output)
process.exit(lint.ok ? 0 : 1)
