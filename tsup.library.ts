import type { Options } from 'tsup'

/**
 * How every published library's JavaScript is built: ESM and CommonJS, each with a source map (whose
 * sources, `src/`, ship in the tarball: stack traces and debuggers land in the TypeScript), from clean.
 * Declarations, with their maps, come next from tools/build/declarations.mjs (the package's build script).
 */
export const library = {
  format: ['esm', 'cjs'],
  sourcemap: true,
  clean: true,
} satisfies Options
