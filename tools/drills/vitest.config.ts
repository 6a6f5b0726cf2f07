import { defineConfig } from 'vitest/config'

// The drill runs alone (pnpm drill:spec-change), its steps in order: each builds on the one before.
export default defineConfig({
  test: {
    include: ['drills/*.drill.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
})
