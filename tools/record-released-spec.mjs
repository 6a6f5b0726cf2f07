#!/usr/bin/env node
// After `changeset publish`: keep a copy of the released spec as spec/releases/<version>.yaml, the
// baseline check-breaking compares the next changes with.
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './paths.mjs'

const { version } = JSON.parse(readFileSync(join(repoRoot, 'packages/types/package.json'), 'utf8'))
copyFileSync(join(repoRoot, 'spec/openapi.yaml'), join(repoRoot, 'spec/releases', `${version}.yaml`))
console.log(`recorded spec/releases/${version}.yaml; commit it with the release`)
