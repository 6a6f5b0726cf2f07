import type { Options } from 'tsup'

/**
 * How every published library is built: ESM and CommonJS, each with its declarations and a source map
 * (whose sources, `src/`, ship in the tarball: stack traces and debuggers land in the TypeScript), from clean.
 * Declarations are built against the dependencies' published types, not their sources (the
 * `@flexengage/source` condition is for the workspace's own type-checking, tests and dev runs).
 */
export const library = {
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { customConditions: [] } },
  sourcemap: true,
  clean: true,
} satisfies Options
