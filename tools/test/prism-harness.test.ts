// Servers started for tests end with the test process, even when it is killed with SIGKILL.
import { spawnSync } from 'node:child_process'
import { connect } from 'node:net'
import { expect, test } from 'vitest'
import { repoRoot } from '../paths.mjs'

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => resolve(socket.destroy() === undefined && false))
    socket.once('error', () => resolve(true))
  })

test('a Prism started by a process that is SIGKILLed stops too', async () => {
  const script = `
    const { startPrism } = await import(${JSON.stringify(`${repoRoot}tools/prism.mjs`)})
    const prism = await startPrism()
    console.log(prism.port)
    process.kill(process.pid, 'SIGKILL')
  `
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  expect(run.signal).toBe('SIGKILL')
  const port = Number(run.stdout.trim())
  expect(port).toBeGreaterThan(0)
  // A safety net only: the port closes as soon as Prism has shut down, however long that takes.
  const deadline = Date.now() + 120_000
  while (!(await refused(port)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100))
  expect(await refused(port)).toBe(true)
})
