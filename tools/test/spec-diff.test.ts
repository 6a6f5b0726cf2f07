// biome-ignore-all lint/style/noNonNullAssertion: each fixture indexes into what it just found in the spec
// biome-ignore-all lint/suspicious/noExplicitAny: the parsed spec is untyped YAML
// The semver classifier, both ways: each kind of spec change gets its verdict, and a message that
// names the operation and the field or parameter. Targets are found in the spec, not named here, so
// the fixtures follow the spec as it changes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { stringify } from 'yaml'
import { reportChangeLevel } from '../gates/check-release-levels.mjs'
import { defaultSpecPath } from '../paths.mjs'
import { classifySpecChange, dereferenced } from '../spec/diff.mjs'
import { loadSpec } from '../spec/document.mjs'
import { listOperations } from '../spec/walk.mjs'

type Schema = {
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  [k: string]: unknown
}
type Spec = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } }

const base = (): Spec => dereferenced(loadSpec(defaultSpecPath))
const operations = (spec: Spec) =>
  listOperations(spec) as Array<{ path: string; method: string; operation: any }>
const jsonSchema = (holder: any): Schema | undefined => holder?.content?.['application/json']?.schema

function withRequestBody(spec: Spec) {
  const found = operations(spec).find((o) => jsonSchema(o.operation.requestBody)?.properties)
  if (!found) throw new Error('the spec has no operation with a JSON request body')
  return {
    id: found.operation.operationId as string,
    schema: jsonSchema(found.operation.requestBody) as Schema,
  }
}

function withQuery(spec: Spec) {
  for (const { operation } of operations(spec)) {
    const parameter = (operation.parameters ?? []).find((p: any) => p.in === 'query' && !p.required)
    if (parameter) return { id: operation.operationId as string, operation, parameter }
  }
  throw new Error('the spec has no optional query parameter')
}

function withResponseFields(spec: Spec) {
  for (const { operation } of operations(spec)) {
    for (const [status, response] of Object.entries<any>(operation.responses)) {
      const schema = jsonSchema(response)
      if (status.startsWith('2') && schema?.required?.length)
        return { id: operation.operationId as string, schema }
    }
  }
  throw new Error('the spec has no success response with required fields')
}

function verdict(edit: (spec: Spec) => void) {
  const current = base()
  edit(current)
  return classifySpecChange(base(), current)
}

/** The edit's verdict is `level`, and one of its messages says `message`. */
function expectVerdict(_name: string, level: string, message: RegExp, edit: (spec: Spec) => void) {
  const result = verdict(edit)
  expect(result.level).toBe(level)
  expect(result.changes.map((c) => c.message).join('\n')).toMatch(message)
}

describe('request changes', () => {
  test.each([
    [
      'an optional body field added',
      'minor',
      /request body: optional field "drillField" added/,
      (s: Spec) => {
        withRequestBody(s).schema.properties!.drillField = { type: 'string' }
      },
    ],
    [
      'a required body field added',
      'major',
      /request body: required field "drillField" added/,
      (s: Spec) => {
        const { schema } = withRequestBody(s)
        schema.properties!.drillField = { type: 'string' }
        schema.required = [...(schema.required ?? []), 'drillField']
      },
    ],
    [
      'a body field removed',
      'major',
      /request body: field "\w+" removed/,
      (s: Spec) => {
        const { schema } = withRequestBody(s)
        const [name] = Object.keys(schema.properties!)
        delete schema.properties![name as string]
        schema.required = schema.required?.filter((r) => r !== name)
      },
    ],
    [
      'an optional query parameter added',
      'minor',
      /optional query parameter "drillParam" added/,
      (s: Spec) => {
        const { operation } = withQuery(s)
        operation.parameters.push({ name: 'drillParam', in: 'query', schema: { type: 'string' } })
      },
    ],
    [
      'a required query parameter added',
      'major',
      /required query parameter "drillParam" added/,
      (s: Spec) => {
        const { operation } = withQuery(s)
        operation.parameters.push({
          name: 'drillParam',
          in: 'query',
          required: true,
          schema: { type: 'string' },
        })
      },
    ],
    [
      'a query parameter renamed',
      'major',
      /query parameter "\w+" renamed to "renamedParam"/,
      (s: Spec) => {
        withQuery(s).parameter.name = 'renamedParam'
      },
    ],
    [
      'a query parameter made required',
      'major',
      /query parameter "\w+" is now required/,
      (s: Spec) => {
        withQuery(s).parameter.required = true
      },
    ],
  ])('%s: %s', expectVerdict)

  test('a narrowed parameter is major, a widened one minor', () => {
    const narrowed = verdict((s) => {
      const { parameter } = withQuery(s)
      parameter.schema = { ...parameter.schema, maxLength: 1, maximum: 1 }
    })
    expect(narrowed.level).toBe('major')
    const widened = verdict((s) => {
      const { parameter } = withQuery(s)
      delete parameter.schema.minimum
      delete parameter.schema.pattern
      delete parameter.schema.minLength
      delete parameter.schema.maximum
      delete parameter.schema.maxLength
    })
    expect(['none', 'minor']).toContain(widened.level)
  })
})

describe('response changes', () => {
  test.each([
    [
      'a field added',
      'minor',
      /response body: optional field "drillField" added/,
      (s: Spec) => {
        withResponseFields(s).schema.properties!.drillField = { type: 'string' }
      },
    ],
    [
      'a field removed',
      'major',
      /response body: field "\w+" removed/,
      (s: Spec) => {
        const { schema } = withResponseFields(s)
        const name = schema.required![0] as string
        delete schema.properties![name]
        schema.required = schema.required!.filter((r) => r !== name)
      },
    ],
    [
      'a field retyped',
      'major',
      /response body\.\w+: type \w+ became/,
      (s: Spec) => {
        const { schema } = withResponseFields(s)
        const name = schema.required![0] as string
        schema.properties![name] = { type: schema.properties![name]?.type === 'object' ? 'string' : 'object' }
      },
    ],
    [
      'a field made optional',
      'major',
      /response body: field "\w+" is now optional/,
      (s: Spec) => {
        const { schema } = withResponseFields(s)
        schema.required = schema.required!.slice(1)
      },
    ],
  ])('%s: %s', expectVerdict)
})

/** The delivery callback's operation and its body, a oneOf told apart by a discriminator. */
function delivery(spec: Spec) {
  for (const { operation } of operations(spec)) {
    for (const callback of Object.values<any>(operation.callbacks ?? {})) {
      for (const pathItem of Object.values<any>(callback)) {
        const [callbackOperation] = Object.values<any>(pathItem)
        const union = jsonSchema(callbackOperation.requestBody) as any
        const [type, event] = Object.entries<any>(union.discriminator.mapping)[0]!
        // The payload schema: the `data` of the last allOf part that declares one (the envelope's comes first).
        const parts = [event, ...(event.allOf ?? [])].filter((part: any) => part.properties?.data)
        const data = parts.at(-1).properties.data
        return { operation: callbackOperation, union, type, event, data: data as Schema }
      }
    }
  }
  throw new Error('the spec describes no delivery callback')
}

describe('delivery changes: what flexEngage sends is read, so compatibility flips', () => {
  test.each([
    [
      'an event type added, with its payload schema',
      'minor',
      /callback .*: type DRILL\.NEW\.EVENT added/,
      (s: Spec) => {
        const { union, event } = delivery(s)
        const added = structuredClone(event)
        union.oneOf.push(added)
        union.discriminator.mapping['DRILL.NEW.EVENT'] = added
      },
    ],
    [
      'an event type removed',
      'major',
      /callback .*: type [A-Z_.]+ removed/,
      (s: Spec) => {
        const { union, type } = delivery(s)
        delete union.discriminator.mapping[type]
      },
    ],
    [
      'an optional payload field added',
      'minor',
      /\.data: optional field "drillField" added/,
      (s: Spec) => {
        delivery(s).data.properties!.drillField = { type: 'string' }
      },
    ],
    [
      'a required payload field removed',
      'major',
      /\(type [A-Z_.]+\)\.data: field "\w+" removed/,
      (s: Spec) => {
        const { data } = delivery(s)
        const name = data.required![0] as string
        delete data.properties![name]
        data.required = data.required!.filter((r) => r !== name)
      },
    ],
    [
      'a required payload field made optional',
      'major',
      /\.data: field "\w+" is now optional/,
      (s: Spec) => {
        const { data } = delivery(s)
        data.required = data.required!.slice(1)
      },
    ],
    [
      'a header changed',
      'major',
      /callback .*: header [\w-]+ changed/,
      (s: Spec) => {
        const [header] = delivery(s).operation.parameters
        header.schema = { ...header.schema, maxLength: 1 }
      },
    ],
    [
      'a header removed',
      'major',
      /callback .*: header [\w-]+ removed/,
      (s: Spec) => {
        delivery(s).operation.parameters.shift()
      },
    ],
  ])('%s: %s', expectVerdict)
})

describe('operations and documentation', () => {
  test('an operation added is minor, removed is major; both are named', () => {
    const [first] = operations(base())
    const added = verdict((s) => {
      s.paths['/v1/{brandId}/drill'] = {
        get: { ...structuredClone(first!.operation), operationId: 'drillOperation' },
      }
    })
    expect(added.level).toBe('minor')
    expect(added.changes[0]?.message).toMatch(
      /^drillOperation \(GET \/v1\/\{brandId\}\/drill\): operation added/,
    )
    const removed = verdict((s) => {
      delete s.paths[first!.path]![first!.method]
    })
    expect(removed.level).toBe('major')
    expect(removed.changes.map((c) => c.message).join('\n')).toContain(`${first!.operation.operationId} (`)
  })

  test('a reworded description is a patch; formatting, comments and key order are no change', () => {
    expect(
      verdict((s) => {
        const [first] = operations(s)
        first!.operation.description = `${first!.operation.description ?? ''} Reworded.`
      }).level,
    ).toBe('patch')
    const scratch = mkdtempSync(join(tmpdir(), 'spec-diff-'))
    try {
      const original = loadSpec(defaultSpecPath)
      const reordered = Object.fromEntries(Object.entries(original).reverse())
      const file = join(scratch, 'reordered.yaml')
      writeFileSync(file, `# a comment\n${stringify(reordered, { indent: 4 })}`)
      expect(classifySpecChange(original, loadSpec(file))).toEqual({ level: 'none', changes: [] })
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  })
})

test('an API report that only gains lines is minor; one that loses a line is major', () => {
  const report = '```ts\nexport interface A {\n    a: string;\n}\n```\n'
  expect(reportChangeLevel(report, report).level).toBe('none')
  expect(
    reportChangeLevel(report, report.replace('    a: string;\n', '    a: string;\n    b?: string;\n')).level,
  ).toBe('minor')
  const lost = reportChangeLevel(report, report.replace('a: string', 'a: number'))
  expect(lost).toEqual({ level: 'major', lines: ['    a: string;'] })
})
