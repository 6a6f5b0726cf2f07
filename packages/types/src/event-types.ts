/**
 * True when two subscriptions list the same event types, in any order: flexEngage refuses a second
 * webhook with the same endpoint and the same event types (409).
 */
export function sameEventTypes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n')
}
