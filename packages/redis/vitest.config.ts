import { defineConfig } from 'vitest/config'
import { withWorkspaceSources } from '../../vitest.shared.js'

export default withWorkspaceSources(defineConfig({}))
