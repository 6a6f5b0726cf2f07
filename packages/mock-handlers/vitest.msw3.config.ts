// The MSW adapter's suite with MSW 3 in place of the workspace's MSW 2: `msw` and `msw/node` resolve
// to the MSW 3 package at MSW3_DIR (installed by tools/gates/check-runtimes.mjs, which runs this on a
// Node >= 22.12 binary, as MSW 3 requires). Everything else is the suite as the workspace runs it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

const msw3 = process.env.MSW3_DIR
if (!msw3) throw new Error('MSW3_DIR must name the folder of an MSW 3 package')
const { exports } = JSON.parse(readFileSync(join(msw3, 'package.json'), 'utf8'))
const entry = (subpath: string) => join(msw3, exports[subpath].default)

export default mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [
        { find: /^msw$/, replacement: entry('.') },
        { find: /^msw\/node$/, replacement: entry('./node') },
      ],
    },
    test: { include: ['test/msw-adapter.test.ts', 'test/hostile-input.test.ts'] },
  }),
)
