// The registry of code generators: which package each one writes, and how.
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { repoRoot } from '../paths.mjs'
import { loadSpec } from '../spec/document.mjs'
import { describeOperations } from '../spec/walk.mjs'
import { deliverySources } from './delivery.mjs'
import { withGeneratedHeader } from './generated-header.mjs'
import { generateMockHandlers } from './mock-handlers.mjs'
import { operationTableSource } from './operation-table.mjs'
import { requestValidatorSources } from './request-validators.mjs'

const require = createRequire(import.meta.url)

async function generateTypes(specPath, outDir) {
  // Defaulted request fields (WebhookRequest.enabled) stay optional for callers.
  const ast = await openapiTS(pathToFileURL(specPath), { defaultNonNullable: false })
  await writeFile(join(outDir, 'openapi.ts'), withGeneratedHeader(astToString(ast)))
  const spec = loadSpec(specPath)
  const sources = {
    'operation-table.ts': operationTableSource(spec),
    ...requestValidatorSources(spec, describeOperations(spec)),
    ...deliverySources(spec),
  }
  for (const [file, source] of Object.entries(sources))
    await writeFile(join(outDir, file), withGeneratedHeader(source))
}

/** Java runs the typescript-fetch generator; only regeneration needs it, never a consumer. */
export function assertJavaAvailable() {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'Java 17 or later is required to regenerate packages/fetch-client (the OpenAPI Generator is a Java program). ' +
        'Install a JRE, e.g. `apt-get install -y openjdk-17-jre-headless`, and make sure `java` is on PATH.',
    )
  }
}

async function generateFetchClient(specPath, outDir) {
  assertJavaAvailable()
  // 1.0.x releases of @openapitools/openapi-generator-cli ship the generator jar, so this runs offline.
  const jar = join(
    dirname(require.resolve('@openapitools/openapi-generator-cli/package.json')),
    'bin/openapi-generator.jar',
  )
  const config = join(repoRoot, 'packages/fetch-client/openapi-generator.json')
  const scratch = await mkdtemp(join(tmpdir(), 'openapi-generator-'))
  try {
    const run = spawnSync(
      'java',
      ['-jar', jar, 'generate', '-i', specPath, '-g', 'typescript-fetch', '-c', config, '-o', scratch],
      { encoding: 'utf8' },
    )
    if (run.status !== 0) throw new Error(`openapi-generator failed:\n${run.stdout}${run.stderr}`)
    // Keep the TypeScript sources only; the generator's own metadata files are not shipped.
    for (const file of await readdir(scratch, { recursive: true })) {
      if (!file.endsWith('.ts')) continue
      await mkdir(dirname(join(outDir, file)), { recursive: true })
      await writeFile(join(outDir, file), withGeneratedHeader(await readFile(join(scratch, file), 'utf8')))
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** name -> { packageDir (relative to the repo root), generate(specPath, outDir) } */
export const generators = {
  types: { packageDir: 'packages/types', generate: generateTypes },
  'fetch-client': { packageDir: 'packages/fetch-client', generate: generateFetchClient },
  'mock-handlers': { packageDir: 'packages/mock-handlers', generate: generateMockHandlers },
}

export function generatedDirOf(root, generator) {
  return join(root, generator.packageDir, 'src', 'generated')
}
