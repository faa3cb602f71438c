/**
 * Runs the real `ctl` CLI as a child process, the way an operator would,
 * and shows the command with its output.
 */

import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { paint } from './pretty.js'

/** The ctl entry point of the control-plane package. */
export const CTL_BIN = fileURLToPath(new URL('../../control-plane/bin/ctl.js', import.meta.url))

/** What one ctl run printed and returned. */
export interface CtlResult {
  args: readonly string[]
  code: number
  stdout: string
  stderr: string
  ms: number
}

/** ctl bound to one control plane. */
export class Ctl {
  constructor(
    /** gRPC address of the control plane, HOST:PORT. */
    readonly server: string,
    private readonly write: (line: string) => void = (line) => console.log(line),
    /** Kills a running ctl when aborted (Ctrl-C). */
    private readonly signal?: AbortSignal,
  ) {}

  /** Runs `ctl <args>` and returns its output without printing it. */
  run(args: readonly string[], timeoutMs = 20_000): Promise<CtlResult> {
    const start = performance.now()
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [CTL_BIN, ...args],
        // PRODBENCH_SERVER rather than --server, so the command shown is the one people type.
        {
          env: { ...process.env, PRODBENCH_SERVER: this.server },
          timeout: timeoutMs,
          maxBuffer: 8 * 1024 * 1024,
          ...(this.signal ? { signal: this.signal } : {}),
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
          resolve({ args, code, stdout, stderr, ms: Math.round(performance.now() - start) })
        },
      )
    })
  }

  /** Runs `ctl <args>` and prints `$ ctl <args>` followed by its output, indented. */
  async show(args: readonly string[]): Promise<CtlResult> {
    this.write(paint(1, `$ ctl ${args.map(quote).join(' ')}`))
    const result = await this.run(args)
    for (const line of `${result.stdout}${result.stderr}`.trimEnd().split('\n')) this.write(line ? `  ${line}` : '')
    if (result.code !== 0 && !this.signal?.aborted) this.write(paint(31, `  (ctl exited with code ${result.code})`))
    return result
  }

  /** Runs `ctl --json <args>` and parses its one JSON document; undefined when it failed. */
  async json<T>(args: readonly string[]): Promise<T | undefined> {
    const result = await this.run(['--json', ...args])
    try {
      return JSON.parse(result.stdout) as T
    } catch {
      return undefined
    }
  }
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`
}
