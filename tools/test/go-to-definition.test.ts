// What an editor does in a workspace app: the TypeScript language service, on each example's own
// tsconfig, asked for the definition of every name the example imports from a toolkit package. Each
// must land in that package's TypeScript sources (packages/*/src), never in dist/, with nothing built
// by hand first: the `@flexengage/source` condition does it.
import { readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { repoRoot } from '../paths.mjs'

const examplesDir = join(repoRoot, 'examples')
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

function languageService(configPath: string) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!parsed) throw new Error(`cannot read ${configPath}`)
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => parsed.options,
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const text = ts.sys.readFile(file)
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
    },
    getCurrentDirectory: () => dirname(configPath),
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    // As editors do: a workspace package is a symlink in node_modules, reported at its real path.
    realpath: ts.sys.realpath,
  }
  return { service: ts.createLanguageService(host), files: parsed.fileNames }
}

/** Each name a file imports from a toolkit package, with the offset of its identifier. */
function toolkitImports(file: string) {
  const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true)
  const names: Array<{ specifier: string; name: string; position: number }> = []
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue
    const specifier = statement.moduleSpecifier.text
    const bindings = statement.importClause?.namedBindings
    if (!specifier.startsWith('@flexengage/') || !bindings || !ts.isNamedImports(bindings)) continue
    for (const element of bindings.elements)
      names.push({ specifier, name: element.name.text, position: element.name.getStart(source) })
  }
  return names
}

describe.each(examples)('examples/%s', (example) => {
  test('go-to-definition on every toolkit import lands in packages/*/src', () => {
    const { service, files } = languageService(join(examplesDir, example, 'tsconfig.json'))
    const landings: string[] = []
    for (const file of files) {
      for (const { specifier, name, position } of toolkitImports(file)) {
        const definitions = service.getDefinitionAtPosition(file, position) ?? []
        expect(definitions, `${specifier} ${name}`).not.toEqual([])
        for (const definition of definitions)
          landings.push(`${specifier} ${name} -> ${relative(repoRoot, definition.fileName)}`)
      }
    }
    expect(landings.length).toBeGreaterThan(0)
    expect(
      landings.filter((landing) => !/ -> packages\/[^/]+\/src\/[^ ]+(?<!\.d)\.ts$/.test(landing)),
    ).toEqual([])
  })
})
