// The registry of code generators: which package each one writes, and how.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { withGeneratedHeader } from './generated-header.mjs'

async function generateTypes(specPath, outDir) {
  // Defaulted request fields (WebhookRequest.enabled) stay optional for callers.
  const ast = await openapiTS(pathToFileURL(specPath), { defaultNonNullable: false })
  await writeFile(join(outDir, 'openapi.ts'), withGeneratedHeader(astToString(ast)))
}

/** name -> { packageDir (relative to the repo root), generate(specPath, outDir) } */
export const generators = {
  types: { packageDir: 'packages/types', generate: generateTypes },
}

export function generatedDirOf(root, generator) {
  return join(root, generator.packageDir, 'src', 'generated')
}
