#!/usr/bin/env node
// After `changeset publish`: keep what users now have as the baseline of the release-level gate:
// the spec as spec/releases/<version>.yaml and the API reports as api/releases/<version>/.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../paths.mjs'

const { version } = JSON.parse(readFileSync(join(repoRoot, 'packages/types/package.json'), 'utf8'))
copyFileSync(join(repoRoot, 'spec/openapi.yaml'), join(repoRoot, 'spec/releases', `${version}.yaml`))
const reports = join(repoRoot, 'api/releases', version)
mkdirSync(reports, { recursive: true })
for (const file of readdirSync(join(repoRoot, 'api')).filter((f) => f.endsWith('.api.md'))) {
  copyFileSync(join(repoRoot, 'api', file), join(reports, file))
}
console.log(
  `recorded spec/releases/${version}.yaml and api/releases/${version}/; commit them with the release`,
)
