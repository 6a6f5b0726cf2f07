import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('..', import.meta.url))
export const defaultSpecPath = fileURLToPath(new URL('../spec/openapi.yaml', import.meta.url))
/** The spec as the generators read it: linted, comments and layout dropped, keys sorted. */
export const bundledSpecPath = fileURLToPath(new URL('../spec/generated/openapi.json', import.meta.url))
export const redoclyConfigPath = fileURLToPath(new URL('../spec/redocly.yaml', import.meta.url))
/** Wrap a spawned server with this script so it ends when the spawning test process dies. */
export const dieWithParentScript = fileURLToPath(new URL('./harness/die-with-parent.mjs', import.meta.url))
/** Preload that refuses every connection to a host but loopback (see loopback-only.cjs). */
export const loopbackOnlyScript = fileURLToPath(new URL('./harness/loopback-only.cjs', import.meta.url))
