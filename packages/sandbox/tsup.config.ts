import { defineConfig } from 'tsup'
import { library } from '../../tsup.library'

export default defineConfig([
  { ...library, entry: ['src/index.ts'], shims: true },
  { entry: ['src/cli.ts'], format: ['esm'], sourcemap: true, banner: { js: '#!/usr/bin/env node' } },
  // The inspector's page: one browser module with everything bundled (no CDN, nothing fetched at
  // run time), beside its HTML and CSS from inspector/public.
  {
    entry: { app: 'inspector/app.ts' },
    outDir: 'dist-inspector',
    publicDir: 'inspector/public',
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/.*/],
    minify: true,
    clean: true,
    outExtension: () => ({ js: '.js' }),
  },
])
