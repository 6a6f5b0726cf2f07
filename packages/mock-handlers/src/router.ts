import { mockOperations, type OperationId, routeOrder } from './routes.js'

export type RouteMatch =
  | { kind: 'operation'; operationId: OperationId; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'no-route' }
  | { kind: 'bad-path'; reason: string }

function matchSegments(template: readonly string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < template.length; i++) {
    const expected = template[i] as string
    const segment = actual[i] as string
    if (expected.startsWith('{')) {
      if (segment === '') return undefined
      params[expected.slice(1, -1)] = decodeURIComponent(segment)
    } else if (expected !== segment) {
      return undefined
    }
  }
  return params
}

/** Matches in the generated route order (static segments first), so a parameter never shadows a literal. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  try {
    return match(method, pathname)
  } catch (error) {
    // decodeURIComponent on a malformed escape such as `%E0%A4%A` or a lone `%`.
    if (error instanceof URIError)
      return { kind: 'bad-path', reason: `the path is not valid percent-encoding: ${pathname}` }
    throw error
  }
}

function match(method: string, pathname: string): RouteMatch {
  const segments = pathname.split('/').slice(1)
  const allowed: string[] = []
  for (const operationId of routeOrder) {
    const operation = mockOperations()[operationId]
    const params = matchSegments(operation.segments, segments)
    if (!params) continue
    if (operation.method === method) return { kind: 'operation', operationId, params }
    allowed.push(operation.method)
  }
  return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'no-route' }
}
