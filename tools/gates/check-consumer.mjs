#!/usr/bin/env node
// Run by tools/gates/release.mjs on the tarballs it packed.
// Installs the packed tarballs into a temporary project outside the workspace and type-checks its
// sources, strict and with skipLibCheck off, under TypeScript 5.9 and 7 with moduleResolution
// bundler, nodenext and node16; an ESM source and a CJS source that imports every subpath of every
// package. Then runs them as ESM (import) and CJS (require), and both CLIs. The one known case that
// needs a workaround (CJS under node16 importing the MSW adapter: msw's typings import the ESM-only
// `rettime`, TS1479 inside node_modules/msw) is checked both ways: it fails as the README says
// without skipLibCheck, and passes with it.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogVersion, publishedPackageDirs, publishedPackages } from '../workspace.mjs'
import { checkPackage } from './check-packages.mjs'

const require = createRequire(import.meta.url)
/** The consumer's sources (tools/gates/consumer/), copied into the project that installs the tarballs. */
const CONSUMER = fileURLToPath(new URL('./consumer/', import.meta.url))
const tsc59 = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc')
const TYPESCRIPT_7 = '7.0.2'
const RESOLUTIONS = ['bundler', 'nodenext', 'node16']

/** Every export subpath of every published package, split by whether it types against a peer. */
function subpaths() {
  const all = publishedPackages().flatMap(({ manifest }) =>
    Object.keys(manifest.exports ?? {})
      .filter((subpath) => subpath !== './package.json')
      .map((subpath) => ({
        specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
        // A subpath named after a peer dependency (./msw) is that peer's adapter.
        peer: Object.keys(manifest.peerDependencies ?? {}).includes(subpath.slice(2)),
      })),
  )
  return { own: all.filter((s) => !s.peer), adapters: all.filter((s) => s.peer) }
}

/** A CommonJS source importing each subpath and checking that it loaded something. */
function cjsSource(specifiers, check) {
  const imports = specifiers.map((specifier, i) => `import * as module${i} from '${specifier}'`)
  return `${imports.join('\n')}
${check}
const loaded = [${specifiers.map((_, i) => `module${i}`).join(', ')}]
if (loaded.some((module) => Object.keys(module).length === 0)) throw new Error('cjs: a subpath loaded nothing')
`
}

export function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' })
  if (result.status !== 0)
    throw new Error(`${[command, ...args].join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`)
  return result.stdout
}

/**
 * Packs every published package into `dir`, each checked fit to publish: name -> `file:` tarball.
 * The release gates pack once and hand the tarballs to every gate that installs them.
 */
export async function packPublished(dir) {
  const tarballs = {}
  for (const packageDir of publishedPackageDirs()) {
    const { name, tarball, problems } = await checkPackage(packageDir, dir)
    if (problems.length > 0) throw new Error(`${name} is not fit to publish:\n  ${problems.join('\n  ')}`)
    tarballs[name] = `file:${tarball}`
  }
  return tarballs
}

/**
 * Installs the tarballs, with `dependencies`, into a new project `app` under `root`, outside the
 * workspace. Returns its path. `engineStrict: false` lets dependencies meant for a newer Node than
 * the one running npm install.
 */
export async function installPackedPackages(root, tarballs, dependencies = {}, { engineStrict = true } = {}) {
  const app = join(root, 'app')
  mkdirSync(app)
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { ...tarballs, ...dependencies },
        overrides: tarballs,
      },
      null,
      2,
    ),
  )
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
      `--engine-strict=${engineStrict}`,
    ],
    app,
  )
  return app
}

/** The consumer's sources written into the project: an ESM one, a CJS one per group of subpaths, any extra. */
function writeConsumerSources(app, extra) {
  const { own, adapters } = subpaths()
  copyFileSync(join(CONSUMER, 'esm.mts'), join(app, 'esm.mts'))
  const cjs = (file, group, check) =>
    writeFileSync(
      join(app, file),
      cjsSource(
        group.map((s) => s.specifier),
        readFileSync(join(CONSUMER, check), 'utf8'),
      ),
    )
  cjs('cjs.cts', own, 'cjs-check.cts')
  cjs('cjs-msw.cts', adapters, 'cjs-msw-check.cts')
  const sources = ['esm.mts', 'cjs.cts']
  if (extra) {
    copyFileSync(extra, join(app, basename(extra)))
    sources.push(basename(extra))
  }
  return { sources, subpathCount: own.length + adapters.length }
}

/** `typecheck(compiler, resolution, files, options)`: one tsc run in the project, strict. */
function typechecker(app) {
  const compilers = {
    'TypeScript 5.9': tsc59,
    [`TypeScript ${TYPESCRIPT_7}`]: join(app, 'node_modules/typescript7/bin/tsc'),
  }
  const typecheck = (compiler, resolution, files, { skipLibCheck = false, emit = false } = {}) => {
    const config = `tsconfig.${resolution}.${files.length}.${skipLibCheck}.json`
    writeFileSync(
      join(app, config),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: 'es2022',
          skipLibCheck,
          types: ['node'],
          lib: ['es2022', 'dom'],
          module: resolution === 'bundler' ? 'preserve' : resolution,
          moduleResolution: resolution,
          ...(emit ? { outDir: 'out' } : { noEmit: true }),
        },
        files,
      }),
    )
    return spawnSync(process.execPath, [compilers[compiler], '-p', config], { cwd: app, encoding: 'utf8' })
  }
  return { compilers: Object.keys(compilers), typecheck }
}

/**
 * The MSW adapter from CommonJS: strict under bundler and nodenext; under node16 it needs
 * skipLibCheck, for the cause the README gives, and the check keeps that statement true.
 */
function checkMswFromCommonJs(typecheck, compiler, resolution) {
  const node16 = resolution === 'node16'
  const adapter = typecheck(compiler, resolution, ['cjs-msw.cts'], { skipLibCheck: node16 })
  if (adapter.status !== 0) throw new Error(`${compiler}, ${resolution}, CJS + /msw:\n${adapter.stdout}`)
  if (!node16) return
  const without = typecheck(compiler, resolution, ['cjs-msw.cts'])
  const errors = without.stdout.split('\n').filter((line) => /error TS\d+/.test(line))
  if (errors.length === 0 || errors.some((line) => !line.startsWith('node_modules/msw/'))) {
    throw new Error(
      `${compiler}, ${resolution}: CJS + /msw without skipLibCheck no longer fails in msw's own typings only; update the README's note:\n${without.stdout}`,
    )
  }
}

/** Every compiler under every resolution; returns what was checked. */
function typecheckMatrix(app, sources) {
  const { compilers, typecheck } = typechecker(app)
  const checked = []
  for (const compiler of compilers) {
    for (const resolution of RESOLUTIONS) {
      const strict = typecheck(compiler, resolution, sources)
      if (strict.status !== 0)
        throw new Error(`${compiler}, ${resolution}:\n${strict.stdout}${strict.stderr}`)
      checkMswFromCommonJs(typecheck, compiler, resolution)
      checked.push(`${compiler} ${resolution}`)
    }
  }
  const emitted = typecheck('TypeScript 5.9', 'node16', [...sources, 'cjs-msw.cts'], {
    skipLibCheck: true,
    emit: true,
  })
  if (emitted.status !== 0) throw new Error(`emit failed:\n${emitted.stdout}`)
  return checked
}

/** The emitted consumer run as ESM and CJS, and both CLIs; returns what the two sources said. */
function runConsumer(app) {
  const esm = run(process.execPath, ['out/esm.mjs'], app).trim()
  const cjs = run(process.execPath, ['out/cjs.cjs'], app).trim()
  const cjsMsw = run(process.execPath, ['out/cjs-msw.cjs'], app).trim()
  const cliHelp = run(join(app, 'node_modules/.bin/flexengage-webhooks'), ['--help'], app)
  const sandboxHelp = run(join(app, 'node_modules/.bin/flexengage-sandbox'), ['--help'], app)
  if (
    esm !== 'esm ok true' ||
    cjs !== 'cjs ok' ||
    cjsMsw !== 'cjs msw ok' ||
    !cliHelp.includes('Exit codes') ||
    !sandboxHelp.includes('Exit codes')
  ) {
    throw new Error(`the consumer ran but said: ${esm} / ${cjs} / ${cjsMsw} / ${cliHelp} / ${sandboxHelp}`)
  }
  return { esm, cjs }
}

export async function checkConsumer({ tarballs, extra }) {
  const root = mkdtempSync(join(tmpdir(), 'flexengage-consumer-'))
  try {
    const app = await installPackedPackages(root, tarballs, {
      '@types/node': catalogVersion('@types/node'),
      // Beside the packages, the versions of their peers the workspace itself uses.
      msw: catalogVersion('msw'),
      'openapi-fetch': catalogVersion('openapi-fetch'),
      typescript7: `npm:typescript@${TYPESCRIPT_7}`,
    })
    const { sources, subpathCount } = writeConsumerSources(app, extra)
    const checked = typecheckMatrix(app, sources)
    const { esm, cjs } = runConsumer(app)
    return `packed tarballs install outside the workspace; type-checked under ${checked.join(', ')}; ${esm}; ${cjs} (all ${subpathCount} subpaths required); both CLIs run`
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
