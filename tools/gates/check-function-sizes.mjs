#!/usr/bin/env node
// No handwritten function (the packages' sources and the inspector's page, tools/, bench/, examples/;
// tests aside) runs over 60 lines: a function that long does several things, each of which deserves
// a name. Generated code is not checked.
// Counted from the line the function starts on to the line it ends on, with the TypeScript parser.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { repoRoot } from '../paths.mjs'

export const MAX_FUNCTION_LINES = 60

/** Where handwritten code lives (tests aside): the packages' sources, the tools, the bench, the examples. */
const HANDWRITTEN = /^(packages\/[^/]+\/(src|inspector)|tools|bench|examples)\//
const NOT_CHECKED = /(^|\/)(test|generated|node_modules)\/|\.(test|drill)\.|\.d\.ts$/

/** Handwritten TypeScript and JavaScript, as git sees the tree (untracked files too, ignored ones not). */
function sourceFiles() {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
  return listed.stdout
    .split('\0')
    .filter((file) => HANDWRITTEN.test(file) && !NOT_CHECKED.test(file) && /\.(m|c)?[jt]sx?$/.test(file))
    .map((file) => join(repoRoot, file))
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
  const files = sourceFiles()
  const found = files.flatMap((file) => longFunctions(file))
  if (found.length > 0) {
    console.error(
      `check-function-sizes: ${found.length} handwritten function(s) over ${MAX_FUNCTION_LINES} lines; split them:`,
    )
    for (const f of found)
      console.error(`  ${relative(repoRoot, f.file)}:${f.line} ${f.name} (${f.lines} lines)`)
    process.exit(1)
  }
  console.log(
    `check-function-sizes: no handwritten function in packages/*/src, tools/, bench/ or examples/ is over ${MAX_FUNCTION_LINES} lines (${files.length} files)`,
  )
}
