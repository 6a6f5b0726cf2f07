import { defineConfig } from 'vitest/config'
import { withWorkspaceSources } from '../../vitest.shared.js'

// Prism takes a couple of seconds to start on a loaded 2-core machine.
export default withWorkspaceSources(defineConfig({ test: { hookTimeout: 180_000, testTimeout: 120_000 } }))
