#!/usr/bin/env node
// Bundle size (esbuild, minified, then gzip) of the client's main entry and of a get-only import,
// beside openapi-fetch's.
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { writeResults } from './results.mjs'

async function gzippedSize(contents) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  })
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length
}

const peer = await gzippedSize(
  `import createClient from 'openapi-fetch'; export const client = createClient({ baseUrl: 'x' })`,
)
const main = await gzippedSize(`export * from '@flexengage/webhooks'`)
const getOnly = await gzippedSize(
  `import { FlexEngageWebhooks } from '@flexengage/webhooks'; export const get = (id) => new FlexEngageWebhooks({ brandId: 'b', token: 't' }).webhooks.get(id)`,
)
const rows = [
  {
    figure: 'bundle, main entry (bytes gzip)',
    project: main,
    peer,
    peerName: 'openapi-fetch 0.17.0',
    target: '<= 10 kB',
    higherIsBetter: false,
  },
  {
    figure: 'bundle, get-only import (bytes gzip)',
    project: getOnly,
    peer,
    peerName: 'openapi-fetch 0.17.0',
    target: '<= 10 kB',
    higherIsBetter: false,
  },
]
console.table(
  rows.map((r) => ({
    figure: r.figure,
    '@flexengage/webhooks': r.project,
    'openapi-fetch': r.peer,
    ratio: (r.project / r.peer).toFixed(2),
    target: r.target,
  })),
)
writeResults('bundle-size', rows)
