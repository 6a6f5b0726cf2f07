#!/usr/bin/env node
// Usage: node tools/gates/check-release-levels.mjs [--root DIR]
// Every published package's pending release must be at least as big as what changed for its users
// since the last release:
// - the spec, classified operation by operation (tools/spec/diff.mjs), sets the level of the
//   spec-derived packages and of every package whose public API re-exports their types;
// - each entry point's public TypeScript API (API Extractor reports, api/ against api/releases/<v>/):
//   lines only added -> minor, any line removed or changed -> major. For the spec-derived packages
//   the spec's verdict replaces this when the spec changed: their reports are mostly generated.
// The pending release comes from the changesets, as `changeset version` would apply them (fixed
// groups and dependents included). Messages name the change, the verdict and the changeset needed.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import getReleasePlanModule from '@changesets/get-release-plan'
import semver from 'semver'
import { repoRoot } from '../paths.mjs'
import { classifySpecChange, higherLevel, LEVELS } from '../spec/diff.mjs'
import { loadSpec } from '../spec/document.mjs'
import { specDerivedPackages } from '../workspace.mjs'
import { publishedEntryPoints } from './api-reports.mjs'

const getReleasePlan = getReleasePlanModule.default ?? getReleasePlanModule

/** spec/releases/<highest version>.yaml: the spec users have. */
export function lastReleasedSpec(dir = join(repoRoot, 'spec/releases')) {
  const versions = readdirSync(dir)
    .map((file) => file.replace(/\.yaml$/, ''))
    .filter((version) => semver.valid(version))
  const last = semver.rsort(versions)[0]
  if (!last) throw new Error(`no released spec in ${dir}`)
  return join(dir, `${last}.yaml`)
}

/** Lines of the report's code block, without API Extractor's "(undocumented)" notes and blanks. */
const apiLines = (text) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !/^\s*\/\/ \(undocumented\)$/.test(line))

/** minor when the current report only adds lines to the released one, major when it loses any. */
export function reportChangeLevel(released, current) {
  const before = apiLines(released)
  const after = apiLines(current)
  const remaining = new Map()
  for (const line of after) remaining.set(line, (remaining.get(line) ?? 0) + 1)
  const lost = before.filter((line) => {
    const count = remaining.get(line) ?? 0
    if (count === 0) return true
    remaining.set(line, count - 1)
    return false
  })
  if (lost.length > 0) return { level: 'major', lines: lost }
  return before.length === after.length ? { level: 'none', lines: [] } : { level: 'minor', lines: [] }
}

/** What each published package needs, with the reasons: name -> { level, reasons[] }. */
export function requiredLevels(root = repoRoot) {
  const releasedSpecFile = lastReleasedSpec(join(root, 'spec/releases'))
  const version = releasedSpecFile
    .split('/')
    .at(-1)
    .replace(/\.yaml$/, '')
  const spec = classifySpecChange(loadSpec(releasedSpecFile), loadSpec(join(root, 'spec/openapi.yaml')))
  const specReasons = spec.changes.map((c) => `${c.level}: ${c.message}`)
  const specDerivedNames = specDerivedPackages(root)
  const needs = new Map()
  const need = (name, level, reasons) => {
    const entry = needs.get(name) ?? { level: 'none', reasons: [] }
    entry.level = higherLevel(entry.level, level)
    entry.reasons.push(...reasons)
    needs.set(name, entry)
  }
  for (const entry of publishedEntryPoints(root)) {
    const specDerived = specDerivedNames.includes(entry.packageName)
    const currentFile = join(root, 'api', `${entry.reportName}.api.md`)
    const releasedFile = join(root, 'api/releases', version, `${entry.reportName}.api.md`)
    const current = readFileSync(currentFile, 'utf8')
    const reExportsSpecTypes = specDerivedNames.some((name) => current.includes(`from '${name}'`))
    if (spec.level !== 'none' && (specDerived || reExportsSpecTypes)) {
      need(entry.packageName, spec.level, [
        specDerived
          ? `the spec changed (${spec.level}):`
          : `${entry.entryPoint} re-exports the spec's types, and the spec changed (${spec.level}):`,
        ...specReasons.map((reason) => `  ${reason}`),
      ])
    }
    if (specDerived && spec.level !== 'none') continue
    if (!existsSync(releasedFile)) {
      need(entry.packageName, 'minor', [`${entry.entryPoint} is a new entry point`])
      continue
    }
    const change = reportChangeLevel(readFileSync(releasedFile, 'utf8'), current)
    if (change.level !== 'none') {
      need(entry.packageName, change.level, [
        `the public API of ${entry.entryPoint} ${change.level === 'major' ? 'lost or changed' : 'gained'} declarations (api/${entry.reportName}.api.md):`,
        ...change.lines.slice(0, 5).map((line) => `  - ${line.trim()}`),
      ])
    }
  }
  return { needs, spec, version }
}

export async function checkReleaseLevels(root = repoRoot) {
  const { needs, version } = requiredLevels(root)
  const plan = await getReleasePlan(root)
  const planned = new Map(plan.releases.map((release) => [release.name, release.type]))
  const problems = []
  for (const [name, { level, reasons }] of needs) {
    const plannedLevel = planned.get(name) ?? 'none'
    if (LEVELS.indexOf(plannedLevel) >= LEVELS.indexOf(level)) continue
    problems.push(
      `${name} needs a ${level} changeset (pending: ${plannedLevel === 'none' ? 'no release' : plannedLevel}), because ${reasons[0]}`,
      ...reasons.slice(1),
    )
  }
  return { problems, needs, planned, version }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { root: { type: 'string', default: repoRoot } } })
  const { problems, needs, version } = await checkReleaseLevels(values.root)
  if (problems.length > 0) {
    console.error(`check-release-levels: against release ${version}:`)
    for (const line of problems) console.error(`  ${line}`)
    console.error(
      'Add one: pnpm changeset (pick the level named above for each package), or undo the change.',
    )
    process.exit(1)
  }
  const summary = [...needs].map(([name, { level }]) => `${name} ${level}`).join(', ')
  console.log(
    `check-release-levels: every pending release covers its changes since ${version}${summary ? ` (${summary})` : ''}`,
  )
}
