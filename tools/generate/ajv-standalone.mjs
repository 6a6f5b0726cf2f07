// Precompiled validators: Ajv standalone code (no Ajv at run time) for named schemas of the spec, the
// one way every generator turns a schema into a validator.
import Ajv, { _ } from 'ajv'
import standaloneCode from 'ajv/dist/standalone/index.js'
import { toAjvSchema } from '../spec/document.mjs'

/** Every `format` named anywhere in the spec, sorted. */
export function formatsUsed(spec) {
  const found = new Set()
  const visit = (node) => {
    if (Array.isArray(node)) for (const item of node) visit(item)
    else if (node && typeof node === 'object') {
      if (typeof node.format === 'string' && node.type === 'string') found.add(node.format)
      for (const value of Object.values(node)) visit(value)
    }
  }
  visit(spec)
  return [...found].sort()
}

const VALIDATOR_TYPES = `export interface ValidationError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export type Validator = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };
`

/**
 * `{ js, dts }` of a module exporting one validator per entry of `schemas` (name -> JSON schema
 * whose `#/components/schemas/` refs point into the spec). The code calls `specFormats` (from
 * `formatsFrom`) for string formats, so every package checks formats alike.
 */
export function standaloneValidators(spec, schemas, { formatsFrom }) {
  const ajv = new Ajv({
    code: { source: true, esm: true, lines: false, formats: _`specFormats` },
    allErrors: true,
    // Errors carry keyword and params; each reader words its own message (less code shipped).
    messages: false,
    strict: true,
    logger: false,
    // A validated request carries the spec's defaults (e.g. `enabled: true`): behaviours store what it says.
    useDefaults: true,
    // minLength counts UTF-16 units: avoids a runtime import of Ajv's ucs2length helper.
    unicode: false,
  })
  // The code calls the types package's specFormats at run time; here only the names matter.
  for (const name of formatsUsed(spec)) ajv.addFormat(name, { type: 'string', validate: () => true })
  // Documentation and code-generation keywords: nothing to validate.
  ajv.addKeyword('example')
  ajv.addKeyword('discriminator')
  ajv.addSchema({ $id: 'spec', definitions: toAjvSchema(spec.components.schemas) })
  const names = Object.keys(schemas)
  for (const name of names) ajv.addSchema(toAjvSchema(schemas[name]), name)
  const code = standaloneCode(ajv, Object.fromEntries(names.map((n) => [n, n])))
  return {
    js: `import { specFormats } from '${formatsFrom}';\n${code.replace(/^"use strict";/, '')}`,
    dts: `${VALIDATOR_TYPES}${names.map((n) => `export declare const ${n}: Validator;`).join('\n')}\n`,
  }
}
