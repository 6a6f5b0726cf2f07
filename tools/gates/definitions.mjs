// What an editor does on an app: the TypeScript language service, on the app's tsconfig, asked for
// the definition of every name the app imports from a toolkit package. Used by the go-to-definition
// test (examples in the workspace) and by check-example-copied-out (an example on the packed packages).
import { dirname } from 'node:path'
import ts from 'typescript'

function languageService(configPath, optionsToExtend) {
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, optionsToExtend, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  })
  if (!parsed) throw new Error(`cannot read ${configPath}`)
  const host = {
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
function toolkitImports(file) {
  const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true)
  const names = []
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

/**
 * `{ imported: 'specifier name', file }` for each definition of each toolkit import in the app's
 * files (an import with no definition gives `file: undefined`). `optionsToExtend` overrides the
 * tsconfig's compiler options, e.g. `{ customConditions: [] }`.
 */
export function definitionsOfToolkitImports(configPath, optionsToExtend = {}) {
  const { service, files } = languageService(configPath, optionsToExtend)
  // A definition in a .d.ts with a declaration map is followed to its source, as tsserver does for
  // editors (session.ts maps each definition through the service's source mapper, the one used here).
  const sourceMapper = service.getSourceMapper?.()
  if (!sourceMapper)
    throw new Error(`TypeScript ${ts.version} has no source mapper to follow declaration maps`)
  const followed = (definition) =>
    sourceMapper.tryGetSourcePosition({ fileName: definition.fileName, pos: definition.textSpan.start })
      ?.fileName ?? definition.fileName
  const found = []
  for (const file of files) {
    for (const { specifier, name, position } of toolkitImports(file)) {
      const definitions = service.getDefinitionAtPosition(file, position) ?? []
      const imported = `${specifier} ${name}`
      if (definitions.length === 0) found.push({ imported, file: undefined })
      for (const definition of definitions) found.push({ imported, file: followed(definition) })
    }
  }
  return found
}
