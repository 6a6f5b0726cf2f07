#!/usr/bin/env node
// Usage: node tools/spec/lint.mjs FILE: redocly lint with the committed ruleset (spec/redocly.yaml).
import { lintSpec } from './document.mjs'

const lint = lintSpec(process.argv[2])
process.stdout.write(lint.output)
process.exit(lint.ok ? 0 : 1)
