/**
 * Runs the real `ctl` CLI as a child process, the way an operator would,
 * and shows the command with its output.
 */

import { execFile, spawn } from 'node:child_process'
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
    /** Bearer token for a control plane that requires one (sent as PRODBENCH_TOKEN). */
    private readonly token?: string,
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
          env: {
            ...process.env,
            PRODBENCH_SERVER: this.server,
            ...(this.token ? { PRODBENCH_TOKEN: this.token } : {}),
          },
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

  /**
   * Runs a long-running `ctl <args>` (a watch) for `ms`, then stops it with
   * SIGINT as Ctrl-C would, and prints the command and everything it wrote.
   * A ctl that does not end within 10 s of SIGINT is killed (code 'SIGKILL').
   */
  async showFor(args: readonly string[], ms: number): Promise<CtlResult> {
    this.write(paint(1, `$ ctl ${args.map(quote).join(' ')}`))
    const { result, both } = await this.stopAfter(args, ms)
    this.write(paint(90, `  (the demo lets it run ${(ms / 1000).toFixed(1)} s, then sends SIGINT, as Ctrl-C would)`))
    for (const line of both.trimEnd().split('\n')) this.write(line ? `  ${line}` : '')
    if (result.code !== 0 && !this.signal?.aborted) this.write(paint(31, `  (ctl exited with code ${result.code})`))
    return result
  }

  /** Like {@link showFor}, without printing anything: for a `--json` watch the checks read. */
  async runFor(args: readonly string[], ms: number): Promise<CtlResult> {
    return (await this.stopAfter(args, ms)).result
  }

  private async stopAfter(args: readonly string[], ms: number): Promise<{ result: CtlResult; both: string }> {
    const start = performance.now()
    const proc = spawn(process.execPath, [CTL_BIN, ...args], {
      env: { ...process.env, PRODBENCH_SERVER: this.server, ...(this.token ? { PRODBENCH_TOKEN: this.token } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    // Both streams in arrival order, as a terminal would show them; stdout alone for the caller.
    let both = ''
    let stdout = ''
    let stderr = ''
    proc.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text
      both += text
    })
    proc.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text
      both += text
    })
    const interrupt = setTimeout(() => proc.kill('SIGINT'), ms)
    const kill = setTimeout(() => proc.kill('SIGKILL'), ms + 10_000)
    const abort = () => proc.kill('SIGKILL')
    this.signal?.addEventListener('abort', abort, { once: true })
    const code = await new Promise<number>((resolve) => {
      proc.once('error', () => resolve(1))
      proc.once('close', (exit, signal) => resolve(exit ?? (signal === 'SIGINT' ? 130 : 1)))
    })
    clearTimeout(interrupt)
    clearTimeout(kill)
    this.signal?.removeEventListener('abort', abort)
    const elapsed = Math.round(performance.now() - start)
    return { result: { args, code, stdout, stderr, ms: elapsed }, both }
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
