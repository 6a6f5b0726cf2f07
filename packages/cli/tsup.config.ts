import { defineConfig } from 'tsup'

export default defineConfig({
  // commands.js is read by the repo's coverage check (tools/gates/check-coverage.mjs); it is not an export.
  entry: ['src/cli.ts', 'src/commands.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  banner: { js: '#!/usr/bin/env node' },
})
