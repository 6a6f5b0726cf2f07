import { defineConfig } from 'tsup'
import { library } from '../../tsup.library'

export default defineConfig({
  ...library,
  entry: { index: 'src/index.ts', receiver: 'src/receiver/index.ts', testing: 'src/testing/index.ts' },
})
