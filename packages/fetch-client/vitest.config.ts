import { defineConfig } from 'vitest/config'

// Prism takes a couple of seconds to start on a loaded 2-core machine.
export default defineConfig({ test: { hookTimeout: 180_000, testTimeout: 120_000 } })
