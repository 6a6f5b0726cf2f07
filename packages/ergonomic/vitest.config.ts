import { defineConfig } from 'vitest/config'
import { withWorkspaceSources } from '../../vitest.shared.js'

export default withWorkspaceSources(defineConfig({ test: { hookTimeout: 180_000, testTimeout: 120_000 } }))
