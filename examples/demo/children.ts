/**
 * The demo's child processes. Each runs in its own process group, so that
 * stopping one also stops what it started (the control plane's nats-server),
 * and so that Ctrl-C reaches only the demo, which then stops them in order.
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'

/** Options of {@link startChild}. */
export interface ChildOptions {
  /** Extra environment on top of the demo's. */
  env?: Record<string, string>
  /** Called with each stdout line. */
  onStdout?(line: string): void
  /** Called with each stderr line. */
  onStderr?(line: string): void
}

/** A running child process. */
export interface Child {
  /** Name used in the demo's output. */
  readonly name: string
  readonly pid: number
  /** Resolves with the exit code (or the signal name) when the process ends. */
  readonly exited: Promise<number | string>
  /** True once the process ended. */
  hasExited(): boolean
  /**
   * Stops the process: SIGTERM, then SIGKILL to its whole group after
   * `graceMs`. Idempotent; resolves when it is gone.
   */
  stop(graceMs?: number): Promise<void>
}

/** Every child started and not yet stopped, for the exit-time safety net. */
const running = new Set<ChildProcess>()

/** Starts `node <args>` in its own process group, line-buffering its output. */
export function startChild(name: string, args: readonly string[], options: ChildOptions = {}): Child {
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  if (proc.pid === undefined) throw new Error(`${name}: could not start node ${args.join(' ')}`)
  const pid = proc.pid
  running.add(proc)
  let done = false
  const exited = new Promise<number | string>((resolve) => {
    proc.once('exit', (code, signal) => {
      done = true
      running.delete(proc)
      resolve(code ?? signal ?? 'unknown')
    })
  })
  createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => options.onStdout?.(line))
  createInterface({ input: proc.stderr as NodeJS.ReadableStream }).on('line', (line) => options.onStderr?.(line))

  let stopping: Promise<void> | undefined
  const stop = (graceMs = 5_000): Promise<void> => {
    stopping ??= (async () => {
      if (!done) {
        signalGroup(pid, 'SIGTERM', true)
        const outcome = await Promise.race([exited, sleep(graceMs, 'timeout' as const)])
        if (outcome === 'timeout') signalGroup(pid, 'SIGKILL')
        await exited
      }
      // Whatever the leader left behind in its group (nats-server, if the
      // control plane died without stopping it) goes too.
      signalGroup(pid, 'SIGKILL')
    })()
    return stopping
  }
  return { name, pid, exited, hasExited: () => done, stop }
}

/** Signals the leader only (`leaderOnly`), or the whole group. ESRCH (already gone) is fine. */
function signalGroup(pid: number, signal: NodeJS.Signals, leaderOnly = false): void {
  try {
    process.kill(leaderOnly ? pid : -pid, signal)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

/**
 * Last resort when the demo itself is going down hard (an uncaught error):
 * kill every child's group synchronously, so nothing is left running.
 */
export function killAllChildrenNow(): void {
  for (const proc of running) {
    if (proc.pid !== undefined) signalGroup(proc.pid, 'SIGKILL')
  }
  running.clear()
}
