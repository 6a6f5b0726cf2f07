#!/usr/bin/env node
// Usage: node tools/gates/api-reports.mjs [--update]
// The public TypeScript API of every published entry point, as API Extractor reports committed in
// api/ (one per entry point, e.g. api/webhooks-receiver.api.md). Without --update, fails naming each
// entry point whose built declarations no longer match its committed report; with it, rewrites them.
// api/releases/<version>/ keeps the reports of the last release, for the release-level gate.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor'
import { repoRoot } from '../paths.mjs'
import { publishedPackages } from '../workspace.mjs'

const apiDir = join(repoRoot, 'api')

/** Each published package's entry points with declarations: name, report file, .d.ts path. */
export function publishedEntryPoints(root = repoRoot) {
  return publishedPackages(root).flatMap(({ dir, manifest }) => {
    return Object.entries(manifest.exports ?? {})
      .filter(([, target]) => typeof target === 'object' && target.import?.types)
      .map(([subpath, target]) => {
        const unscoped = manifest.name.replace(/^@[^/]+\//, '')
        const suffix = subpath === '.' ? '' : `-${subpath.slice(2).replaceAll('/', '-')}`
        return {
          packageName: manifest.name,
          entryPoint: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
          reportName: `${unscoped}${suffix}`,
          packageDir: dir,
          packageJsonPath: join(dir, 'package.json'),
          declarations: join(dir, target.import.types),
        }
      })
  })
}

/** Runs API Extractor on one entry point; `update` writes the committed report when it differs. */
function extract(entry, { update, reportFolder, scratch }) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: entry.packageDir,
      mainEntryPointFilePath: entry.declarations,
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            strict: true,
            skipLibCheck: true,
            module: 'nodenext',
            moduleResolution: 'nodenext',
          },
          files: [entry.declarations],
        },
      },
      apiReport: {
        enabled: true,
        reportFolder,
        reportTempFolder: scratch,
        reportFileName: entry.reportName,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'none' } },
        extractorMessageReporting: { default: { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: entry.packageJsonPath,
  })
  const result = Extractor.invoke(config, {
    localBuild: update,
    messageCallback: (message) => {
      message.handled = true
    },
  })
  return { changed: result.apiReportChanged, succeeded: result.succeeded || result.apiReportChanged }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { update: { type: 'boolean', default: false } } })
  const scratch = mkdtempSync(join(tmpdir(), 'api-reports-'))
  const stale = []
  try {
    for (const entry of publishedEntryPoints()) {
      const { changed } = extract(entry, { update: values.update, reportFolder: apiDir, scratch })
      if (changed) stale.push(entry)
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  if (values.update) {
    console.log(`api-reports: ${stale.length} report(s) rewritten in api/`)
  } else if (stale.length > 0) {
    for (const entry of stale) {
      console.error(
        `api-reports: the public API of ${entry.entryPoint} changed (api/${entry.reportName}.api.md)`,
      )
    }
    console.error(
      'Review the change, run `pnpm api:report` and commit api/ with a changeset of the right level.',
    )
    process.exit(1)
  } else {
    console.log(`api-reports: ${publishedEntryPoints().length} entry points match their reports in api/`)
  }
}
