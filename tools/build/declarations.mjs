#!/usr/bin/env node
// Usage (a published package's build, after tsup): node ../../tools/build/declarations.mjs
// Emits the package's declarations file by file with declaration maps (dist/types/, and a CommonJS
// copy in dist/types-cjs/), then points each export's `types` (dist/<entry>.d.ts, .d.cts) at them.
// A bundled .d.ts cannot carry a map; these do, so go-to-definition from an installed package lands
// in its src/, which ships in the tarball. Built against the dependencies' published types: the
// `@flexengage/source` condition is for the workspace's own type-checking, tests and dev runs.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const packageDir = process.cwd()
const dist = join(packageDir, 'dist')
const src = join(packageDir, 'src')
const esmDir = join(dist, 'types')
const cjsDir = join(dist, 'types-cjs')

/** Each export with a source: its entry file and the two declaration paths its `types` name. */
function entryPoints() {
  const manifest = ts.sys.readFile(join(packageDir, 'package.json'))
  return Object.values(JSON.parse(manifest ?? '{}').exports ?? {})
    .filter((target) => typeof target === 'object' && target['@flexengage/source'] && target.import?.types)
    .map((target) => ({
      source: resolve(packageDir, target['@flexengage/source']),
      esmTypes: resolve(packageDir, target.import.types),
      cjsTypes: resolve(packageDir, target.require.types),
    }))
}

function compilerOptions() {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(packageDir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail([diagnostic]),
    },
  )
  return {
    ...parsed?.options,
    noEmit: false,
    declaration: true,
    declarationMap: true,
    emitDeclarationOnly: true,
    // Hand-written declarations beside generated .js files are copied, never regenerated.
    allowJs: false,
    outDir: esmDir,
    rootDir: src,
    customConditions: [],
    incremental: false,
    // Emit only: each package's typecheck task checks it.
    noCheck: true,
  }
}

function fail(diagnostics) {
  const host = {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => packageDir,
    getNewLine: () => '\n',
  }
  console.error(ts.formatDiagnostics(diagnostics, host))
  process.exit(1)
}

/**
 * Relative specifiers without an extension (the generated fetch client writes `from './runtime'`)
 * get the one Node's resolution needs, `.js` or `/index.js`: only the import lines change, so the
 * maps of the declarations stay exact.
 */
function withNodeSpecifiers(fileName, text) {
  const sourceDir = dirname(join(src, relative(esmDir, fileName)))
  return text.replace(/(from\s+|import\()(['"])(\.\.?\/[^'"]*)\2/g, (whole, lead, quote, specifier) => {
    if (/\.(c|m)?js$|\.json$/.test(specifier)) return whole
    const base = join(sourceDir, specifier)
    if (existsSync(`${base}.ts`) || existsSync(`${base}.d.ts`))
      return `${lead}${quote}${specifier}.js${quote}`
    if (existsSync(join(base, 'index.ts'))) return `${lead}${quote}${specifier}/index.js${quote}`
    return whole
  })
}

const entries = entryPoints()
rmSync(esmDir, { recursive: true, force: true })
rmSync(cjsDir, { recursive: true, force: true })
const program = ts.createProgram(
  entries.map((entry) => entry.source),
  compilerOptions(),
)
const emitted = program.emit(undefined, (fileName, text, bom) =>
  ts.sys.writeFile(fileName, fileName.endsWith('.d.ts') ? withNodeSpecifiers(fileName, text) : text, bom),
)
if (emitted.diagnostics.length > 0) fail(emitted.diagnostics)
for (const file of program.getSourceFiles()) {
  if (!file.isDeclarationFile || !file.fileName.startsWith(`${src}/`)) continue
  const target = join(esmDir, relative(src, file.fileName))
  mkdirSync(dirname(target), { recursive: true })
  cpSync(file.fileName, target)
}
// The same declarations, read as CommonJS (`require` resolves the .d.cts entries to them).
cpSync(esmDir, cjsDir, { recursive: true })
writeFileSync(join(cjsDir, 'package.json'), '{ "type": "commonjs" }\n')
for (const entry of entries) {
  const specifier = (dir, types) =>
    `./${relative(dirname(types), join(dir, relative(src, entry.source))).replace(/\.ts$/, '.js')}`
  writeFileSync(entry.esmTypes, `export * from '${specifier(esmDir, entry.esmTypes)}'\n`)
  writeFileSync(entry.cjsTypes, `export * from '${specifier(cjsDir, entry.cjsTypes)}'\n`)
}
