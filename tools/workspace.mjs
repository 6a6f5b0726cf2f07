// The packages users install: every workspace package under packages/ that is not private.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from './paths.mjs'

/** Each published package's directory and manifest. */
export function publishedPackages(root = repoRoot) {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
}

export const publishedPackageDirs = (root = repoRoot) => publishedPackages(root).map(({ dir }) => dir)

/** The packages generated from the spec: those whose `generate` script runs a generator. */
export const specDerivedPackages = (root = repoRoot) =>
  publishedPackages(root)
    .filter(({ manifest }) => manifest.scripts?.generate)
    .map(({ manifest }) => manifest.name)

/** The version pnpm-workspace.yaml's catalog pins for a dependency (one place for every tool version). */
export function catalogVersion(name, root = repoRoot) {
  const version = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')).catalog?.[name]
  if (!version) throw new Error(`pnpm-workspace.yaml's catalog pins no ${name}`)
  return String(version)
}

/** The example apps under examples/: each folder's name. */
export const exampleNames = (root = repoRoot) =>
  readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
