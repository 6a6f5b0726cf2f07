#!/usr/bin/env node
// Usage: node tools/check-breaking.mjs [--base FILE] [--current FILE] [--changesets DIR]
// Compares the spec with the last released copy (spec/releases/<highest version>.yaml) using
// openapi-diff. openapi-diff compares JSON request and response bodies only, so each operation's
// parameters are presented to it as part of its request schema: a newly required parameter or a
// narrowed parameter type then reads as a narrowed request, which it classifies as breaking.
// A breaking change fails unless a changeset bumps the spec-derived packages by a major version.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import openapiDiff from 'openapi-diff'
import { defaultSpecPath, repoRoot } from './paths.mjs'
import { listOperations, loadSpec, resolvePointer } from './spec.mjs'

export const SPEC_DERIVED_PACKAGES = [
  '@flexengage/webhooks-types',
  '@flexengage/webhooks-fetch-client',
  '@flexengage/webhooks-mock-handlers',
]

const versionOf = (file) =>
  file
    .replace(/\.yaml$/, '')
    .split('.')
    .map(Number)
const compareVersions = (a, b) => {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0)
  return 0
}

export function lastReleasedSpec(dir = join(repoRoot, 'spec/releases')) {
  const releases = readdirSync(dir).filter((f) => /^\d+\.\d+\.\d+\.yaml$/.test(f))
  releases.sort((a, b) => compareVersions(versionOf(a), versionOf(b)))
  const last = releases.at(-1)
  if (!last) throw new Error(`no released spec in ${dir}`)
  return join(dir, last)
}

/** Each operation's parameters and JSON body become one request schema openapi-diff compares. */
export function withParametersInRequestBodies(spec) {
  const copy = structuredClone(spec)
  for (const { path, method } of listOperations(copy)) {
    const pathItem = copy.paths[path]
    const operation = pathItem[method]
    const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
      p.$ref ? resolvePointer(copy, p.$ref) : p,
    )
    const group = (where) => {
      const inGroup = parameters.filter((p) => p.in === where)
      const required = inGroup.filter((p) => p.required).map((p) => p.name)
      // OpenAPI 3.0 forbids an empty `required` list.
      return {
        type: 'object',
        properties: Object.fromEntries(inGroup.map((p) => [p.name, p.schema ?? {}])),
        ...(required.length > 0 ? { required } : {}),
      }
    }
    const body = operation.requestBody?.$ref
      ? resolvePointer(copy, operation.requestBody.$ref)
      : operation.requestBody
    const bodySchema = body?.content?.['application/json']?.schema
    operation.requestBody = {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              path: group('path'),
              query: group('query'),
              header: group('header'),
              ...(bodySchema ? { body: bodySchema } : {}),
            },
            required: ['path', 'query', 'header', ...(body?.required ? ['body'] : [])],
          },
        },
      },
    }
  }
  return copy
}

export async function findBreakingChanges(baseFile, currentFile) {
  const asSource = (file) => ({
    content: JSON.stringify(withParametersInRequestBodies(loadSpec(file))),
    location: file,
    format: 'openapi3',
  })
  const result = await openapiDiff.diffSpecs({
    sourceSpec: asSource(baseFile),
    destinationSpec: asSource(currentFile),
  })
  return result.breakingDifferencesFound ? result.breakingDifferences : []
}

/** Whether a pending changeset bumps a spec-derived package by a major version. */
export function hasMajorChangeset(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .some((f) => {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? ''
      return SPEC_DERIVED_PACKAGES.some((name) => new RegExp(`["']?${name}["']?\\s*:\\s*major`).test(front))
    })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      current: { type: 'string', default: defaultSpecPath },
      changesets: { type: 'string', default: join(repoRoot, '.changeset') },
    },
  })
  const base = values.base ?? lastReleasedSpec()
  const breaking = await findBreakingChanges(base, values.current)
  if (breaking.length === 0) {
    console.log(`check-breaking: no breaking change against ${base}`)
  } else if (hasMajorChangeset(values.changesets)) {
    console.log(
      `check-breaking: ${breaking.length} breaking change(s) against ${base}, announced by a major changeset`,
    )
  } else {
    console.error(
      `check-breaking: ${breaking.length} breaking change(s) against ${base} without a major changeset:`,
    )
    for (const d of breaking) {
      const where =
        d.sourceSpecEntityDetails?.[0]?.location ?? d.destinationSpecEntityDetails?.[0]?.location ?? ''
      console.error(`  - ${d.code} at ${where}`)
    }
    console.error('Add one: pnpm changeset (choose major for the spec-derived packages), or undo the change.')
    process.exit(1)
  }
}
