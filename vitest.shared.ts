// Every package's tests resolve workspace packages to their sources (the `@flexengage/source` export
// condition), as the workspace's type-checking does: no build is needed to test a change.
import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config'

const SOURCE = '@flexengage/source'

export const workspaceSources = defineConfig({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
})

/** A package's vitest config, resolving workspace packages to their sources. */
export const withWorkspaceSources = (config: ViteUserConfig) => mergeConfig(workspaceSources, config)
