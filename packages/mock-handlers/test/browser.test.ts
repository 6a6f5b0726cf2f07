// A real browser: Debian's headless Chromium, driven by playwright-core, loads a page that bundles the
// MSW worker and the generated fetch client, and goes create -> list -> disable -> delete.
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '@flexengage/tools/chromium'
import { build } from 'esbuild'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

let server: Server
let browser: Browser
let origin: string

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(here, 'browser/page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    // The workspace's packages from their sources, as the rest of the suite sees them.
    conditions: ['@flexengage/source'],
    define: { 'process.env.NODE_ENV': '"test"' },
  })
  const files: Record<string, [string, string]> = {
    '/': [
      'text/html',
      '<!doctype html><title>mock</title><ul id="log"></ul><script type="module" src="/page.js"></script>',
    ],
    '/page.js': ['text/javascript', bundle.outputFiles[0]?.text ?? ''],
    '/mockServiceWorker.js': [
      'text/javascript',
      readFileSync(join(dirname(require.resolve('msw/package.json')), 'lib/mockServiceWorker.js'), 'utf8'),
    ],
  }
  server = createServer((request, response) => {
    const file = files[request.url ?? '']
    response.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' })
    response.end(file?.[1] ?? 'not found')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  server?.close()
})

test('create -> list -> disable -> delete through the MSW worker', async () => {
  const page = await browser.newPage()
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await page.goto(origin)
  await page.waitForSelector('body[data-state]', { timeout: 120_000 })
  const lines = await page.locator('#log li').allTextContents()
  expect(lines).toEqual([
    'created https://example.com/browser enabled=true',
    'listed https://example.com/browser',
    'disabled enabled=false',
    'deleted',
    'list after delete answered 404',
  ])
  expect(await page.getAttribute('body', 'data-state')).toBe('done')
  expect(consoleErrors.filter((e) => !e.includes('404'))).toEqual([])
})
