// Inside the toolkit's repository the @flexengage packages resolve to their sources (no build step);
// a copy of this example anywhere else uses the published packages as they are.
import { existsSync } from 'node:fs'
import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

const inToolkitRepository = existsSync(new URL('../../pnpm-workspace.yaml', import.meta.url))
const conditions = (defaults: readonly string[]) =>
  inToolkitRepository ? ['@flexengage/source', ...defaults] : [...defaults]

export default defineConfig({
  resolve: { conditions: conditions(defaultClientConditions) },
  ssr: { resolve: { conditions: conditions(defaultServerConditions) } },
  test: { testTimeout: 120_000, hookTimeout: 120_000 },
})
