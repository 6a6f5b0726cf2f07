#!/usr/bin/env node
// No handwritten function in packages/*/src (nor the inspector's page) runs over 60 lines: a function
// that long does several things, each of which deserves a name. Generated code is not checked.
// Counted from the line the function starts on to the line it ends on, with the TypeScript parser.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { repoRoot } from '../paths.mjs'

export const MAX_FUNCTION_LINES = 60

/** Handwritten TypeScript under packages/<name>/src and packages/<name>/inspector. */
function sourceFiles() {
  const files = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory() && entry.name !== 'generated') walk(path)
      else if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path)
    }
  }
  for (const name of readdirSync(join(repoRoot, 'packages'))) {
    for (const folder of ['src', 'inspector']) {
      try {
        walk(join(repoRoot, 'packages', name, folder))
      } catch (error) {
        if (error.code !== 'ENOENT') throw error
      }
    }
  }
  return files
}

const nameOf = (node) => {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text
  if (node.name && ts.isPrivateIdentifier(node.name)) return node.name.text
  const parent = node.parent
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text
  return '(anonymous)'
}

/** Every function in a file that runs over the limit: `file:line name (n lines)`. */
export function longFunctions(file, text = readFileSync(file, 'utf8')) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const found = []
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const lines = end - start + 1
      if (lines > MAX_FUNCTION_LINES) found.push({ file, line: start + 1, name: nameOf(node), lines })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const found = sourceFiles().flatMap((file) => longFunctions(file))
  if (found.length > 0) {
    console.error(
      `check-function-sizes: ${found.length} handwritten function(s) over ${MAX_FUNCTION_LINES} lines; split them:`,
    )
    for (const f of found)
      console.error(`  ${relative(repoRoot, f.file)}:${f.line} ${f.name} (${f.lines} lines)`)
    process.exit(1)
  }
  console.log(
    `check-function-sizes: no handwritten function in packages/*/src is over ${MAX_FUNCTION_LINES} lines`,
  )
}
