import type { Options } from 'tsup'

/**
 * How every published library is built: ESM and CommonJS, each with its declarations, from clean.
 * Declarations are built against the dependencies' published types, not their sources (the
 * `@flexengage/source` condition is for the workspace's own type-checking, tests and dev runs).
 */
export const library = {
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { customConditions: [] } },
  clean: true,
} satisfies Options
