import type { Options } from 'tsup'

/** How every published library is built: ESM and CommonJS, each with its declarations, from clean. */
export const library = {
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
} satisfies Options
