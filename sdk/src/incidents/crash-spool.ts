import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Incident reports written synchronously to disk when the process is about
 * to die (an uncaught exception): nothing asynchronous, NATS included, runs
 * after that. The next instance of the service on this host sends them.
 * Files are `<time>-<fingerprint>.pb` (protobuf IncidentReport), mode 0600.
 */
export class CrashSpool {
  readonly #dir: string
  /** At most this many files are kept; older ones are removed. */
  readonly #max: number

  constructor(dir: string, max = 50) {
    this.#dir = dir
    this.#max = max
  }

  /** Writes one report; never throws (the process is failing already). */
  write(name: string, bytes: Uint8Array): boolean {
    try {
      mkdirSync(this.#dir, { recursive: true, mode: 0o700 })
      const file = join(this.#dir, `${Date.now()}-${name}.pb`)
      writeFileSync(`${file}.tmp`, bytes, { mode: 0o600 })
      renameSync(`${file}.tmp`, file)
      return true
    } catch {
      return false
    }
  }

  /** Takes the spooled reports (oldest first), removing their files. */
  take(): Uint8Array[] {
    let files: string[]
    try {
      files = readdirSync(this.#dir)
        .filter((f) => f.endsWith('.pb'))
        .sort()
    } catch {
      return []
    }
    const out: Uint8Array[] = []
    for (const [i, file] of files.entries()) {
      const path = join(this.#dir, file)
      try {
        if (i >= files.length - this.#max) out.push(readFileSync(path))
        unlinkSync(path)
      } catch {
        // another instance took it first
      }
    }
    return out
  }
}
