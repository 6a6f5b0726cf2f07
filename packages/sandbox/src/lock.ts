// One sandbox per data file: a lock file beside it (FILE.lock) names the process that holds it. A
// lock whose process is gone (a crash, kill -9) is taken over; a live one is refused, naming it.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'

export interface Lock {
  release(): void
}

interface Holder {
  pid: number
  host: string
  since: string
}

/** Whether a process with this id is running on this machine. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readHolder(lockFile: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(lockFile, 'utf8')) as Holder
  } catch {
    return undefined
  }
}

/** Takes the lock of `file`, or throws naming the file and the sandbox that holds it. */
export function acquireLock(file: string): Lock {
  const lockFile = `${file}.lock`
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx' })
      return { release: () => rmSync(lockFile, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = readHolder(lockFile)
    if (holder && (holder.host !== me.host || isRunning(holder.pid))) {
      throw new Error(
        `${file} is in use by another sandbox (process ${holder.pid} on ${holder.host}, since ${holder.since}): stop it, or give this one another --data file`,
      )
    }
    // Its holder is gone: the lock is stale.
    rmSync(lockFile, { force: true })
  }
  throw new Error(`${file}: could not take its lock file ${lockFile}`)
}
