// Every generated file starts with this line; check-generated refuses files without it.
export const GENERATED_MARKER = '@generated'
export const GENERATED_HEADER = `// ${GENERATED_MARKER} from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run \`pnpm generate\`.`

export function withGeneratedHeader(source) {
  return `${GENERATED_HEADER}\n${source}`
}

export function hasGeneratedHeader(source) {
  return source.split('\n', 3).some((line) => line.includes(GENERATED_MARKER))
}
