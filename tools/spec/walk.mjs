// The one spec walker: resolving `$ref`s, listing operations (callbacks included) and describing one
// operation with its path-level and own parameters merged. The generators, the spec diff and the
// delivery reader all see the spec through it.

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** Resolves a local `#/...` JSON pointer inside the spec. */
export function resolvePointer(spec, ref) {
  if (!ref.startsWith('#/')) throw new Error(`Only local refs are supported, got ${ref}`)
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, key) => node?.[key], spec)
}

/** The node a `$ref` points to, or the node itself. */
export const deref = (spec, node) =>
  node && typeof node.$ref === 'string' ? resolvePointer(spec, node.$ref) : node

/** The name of a `#/components/schemas/X` ref: `X`. */
export const schemaName = (ref) => ref.replace('#/components/schemas/', '')

/** Every operation as { path, method, operation }. */
export function listOperations(spec) {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      path,
      method,
      operation: item[method],
    })),
  )
}

/** An operation's parameters, its path item's first, each resolved. */
export function operationParameters(spec, path, operation) {
  return [...(spec.paths[path].parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(spec, p))
}

/** The JSON schema of a request body or a response (resolved), or undefined. */
export const jsonSchemaOf = (spec, holder) => deref(spec, holder)?.content?.['application/json']?.schema

/** Each callback operation of an operation: [{ name, expression, method, operation }]. */
export function callbackOperations(spec, operation) {
  return Object.entries(operation.callbacks ?? {}).flatMap(([name, callback]) =>
    Object.entries(deref(spec, callback)).flatMap(([expression, pathItem]) =>
      HTTP_METHODS.filter((method) => pathItem[method]).map((method) => ({
        name,
        expression,
        method,
        operation: pathItem[method],
      })),
    ),
  )
}

/**
 * What the generators need of an operation: its id, method, path, parameters (resolved), JSON request
 * body, and each declared status's JSON schema, headers and named examples.
 */
export function describeOperation(spec, { path, method, operation }) {
  const body = deref(spec, operation.requestBody)
  const responses = {}
  for (const [status, declared] of Object.entries(operation.responses)) {
    const response = deref(spec, declared)
    const media = response.content?.['application/json']
    responses[status] = {
      schema: media?.schema,
      headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({
        name,
        required: header.required === true,
        schema: header.schema,
      })),
      examples: Object.fromEntries(
        Object.entries(media?.examples ?? {}).map(([n, e]) => [n, deref(spec, e).value]),
      ),
    }
  }
  const bodySchema = body?.content?.['application/json']?.schema
  return {
    operationId: operation.operationId,
    method: method.toUpperCase(),
    path,
    parameters: operationParameters(spec, path, operation),
    body: bodySchema ? { required: body.required === true, schema: bodySchema } : undefined,
    responses,
  }
}

/** Every operation of the spec, described. */
export const describeOperations = (spec) =>
  listOperations(spec).map((entry) => describeOperation(spec, entry))
