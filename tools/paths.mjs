import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('..', import.meta.url))
export const defaultSpecPath = fileURLToPath(new URL('../spec/openapi.yaml', import.meta.url))
export const redoclyConfigPath = fileURLToPath(new URL('../spec/redocly.yaml', import.meta.url))
