// Loading, linting and schema-validating the spec: shared by the generators and the spec tests.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'
import { redoclyConfigPath } from '../paths.mjs'
import { deref, listOperations } from './walk.mjs'

const require = createRequire(import.meta.url)

export function loadSpec(specPath) {
  return parse(readFileSync(specPath, 'utf8'))
}

/** Runs `redocly lint`; returns { ok, output } where output names file:line of each problem. */
export function lintSpec(specPath) {
  const redoclyBin = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js')
  const run = spawnSync(
    process.execPath,
    [redoclyBin, 'lint', specPath, '--config', redoclyConfigPath, '--format', 'codeframe'],
    {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  )
  // Drop redocly's boxed Node-version banner: it is not about the spec.
  const output = `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((line) => !/^\s*[╔║╚]/.test(line))
    .join('\n')
  return { ok: run.status === 0, output }
}

/** The spec's meaning as text: JSON with every object's keys sorted, so layout, comments and key
 * order never reach the generators (or their cache keys). */
export function normalizedSpecText(spec) {
  const sorted = (node) => {
    if (Array.isArray(node)) return node.map(sorted)
    if (!node || typeof node !== 'object') return node
    return Object.fromEntries(
      Object.keys(node)
        .sort()
        .map((key) => [key, sorted(node[key])]),
    )
  }
  return `${JSON.stringify(sorted(spec), null, 2)}\n`
}

/** Lints the spec once, then returns its normalized text: { ok, output, text }. */
export function bundleSpec(specPath) {
  const lint = lintSpec(specPath)
  return lint.ok ? { ...lint, text: normalizedSpecText(loadSpec(specPath)) } : lint
}

/** Ajv instance that understands the spec's component schemas (see toAjvSchema). */
export function createSpecAjv(spec) {
  const ajv = new Ajv({ strict: true, allErrors: true })
  addFormats(ajv)
  ajv.addKeyword('example')
  // The delivery body's discriminator names each event type's schema; the schemas check the rest.
  ajv.addKeyword('discriminator')
  ajv.addSchema({ $id: 'spec', definitions: toAjvSchema(spec.components.schemas) })
  return ajv
}

/** Rewrites `#/components/schemas/X` refs so they point into the document createSpecAjv registers. */
export function toAjvSchema(schema) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"spec#/definitions/'))
}

/** The first example of an operation's JSON request body: undefined when it takes none or shows none. */
export function requestExampleOf(spec, operation) {
  const media = deref(spec, operation.requestBody)?.content?.['application/json']
  if (media?.example !== undefined) return media.example
  const [first] = Object.values(media?.examples ?? {})
  return first && deref(spec, first).value
}

/**
 * Every example in the spec with the schema it must satisfy: request/response media examples
 * (named and single) and schema-level `example`s of components.
 */
export function collectExamples(spec) {
  const found = []
  const fromMedia = (where, media) => {
    if (!media?.schema) return
    if (media.example !== undefined) found.push({ where, schema: media.schema, value: media.example })
    for (const [name, example] of Object.entries(media.examples ?? {})) {
      found.push({
        where: `${where} example "${name}"`,
        schema: media.schema,
        value: deref(spec, example).value,
      })
    }
  }
  for (const { path, method, operation } of listOperations(spec)) {
    const at = `${method.toUpperCase()} ${path}`
    for (const [type, media] of Object.entries(deref(spec, operation.requestBody)?.content ?? {})) {
      fromMedia(`${at} request ${type}`, media)
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [type, media] of Object.entries(deref(spec, response)?.content ?? {})) {
        fromMedia(`${at} ${status} ${type}`, media)
      }
    }
  }
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    if (schema.example !== undefined) {
      found.push({
        where: `components.schemas.${name}`,
        schema: { $ref: `#/components/schemas/${name}` },
        value: schema.example,
      })
    }
    for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
      if (propSchema.example !== undefined) {
        found.push({
          where: `components.schemas.${name}.${prop}`,
          schema: propSchema,
          value: propSchema.example,
        })
      }
    }
  }
  return found
}
