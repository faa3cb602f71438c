import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../control-plane/bin/control-plane.js', import.meta.url))
const CTL = fileURLToPath(new URL('../../control-plane/bin/ctl.js', import.meta.url))
const LISTENING = /gRPC listening on (\S+)/
const START_TIMEOUT_MS = 20_000

/** A `control-plane` command running as a child process, as an operator runs it. */
export interface ControlPlaneProcess {
  /** gRPC `host:port` it listens on. */
  readonly grpcAddress: string
  /** Everything it wrote to stdout and stderr so far. */
  readonly output: () => string
  /** SIGKILL: no close, no drain, no goodbye (a crash or an OOM kill). */
  kill(): Promise<void>
  /** SIGTERM and wait for the exit (a clean stop). Idempotent. */
  stop(): Promise<void>
}

/**
 * Runs `control-plane/bin/control-plane.js <args> --grpc 127.0.0.1:0 --data <tmp>`
 * and resolves once it printed its gRPC address. Killed when the test ends.
 */
export async function startControlPlaneProcess(
  t: Pick<TestContext, 'after'>,
  args: string[],
): Promise<ControlPlaneProcess> {
  const data = await mkdtemp(join(tmpdir(), 'prodbench-cp-'))
  const child: ChildProcess = spawn(
    process.execPath,
    // These tests are about NATS faults, not tokens (test/security covers those): no auth, as before.
    [BIN, ...args, '--grpc', '127.0.0.1:0', '--data', data, '--insecure-no-auth'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = once(child, 'exit')
  const alive = () => child.exitCode === null && child.signalCode === null
  const end = async (signal: NodeJS.Signals) => {
    if (!alive()) return
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  t.after(async () => {
    await end('SIGKILL')
    await rm(data, { recursive: true, force: true })
  })

  const grpcAddress = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`control-plane did not start:\n${output}`)), START_TIMEOUT_MS)
    const look = () => {
      const match = LISTENING.exec(output)
      if (!match) return
      clearTimeout(timer)
      child.stdout?.off('data', look)
      resolve(match[1] as string)
    }
    child.stdout?.on('data', look)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`control-plane exited (${signal ?? code}) before listening:\n${output}`))
    })
  })
  return { grpcAddress, output: () => output, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') }
}

/** What a finished `ctl` run gave. */
export interface CtlRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Starts the real `ctl` binary against `server`; resolves when it exits. */
export function runCtl(server: string, args: string[]): { done: Promise<CtlRun>; child: ChildProcess } {
  const child = spawn(process.execPath, [CTL, '--server', server, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const done = new Promise<CtlRun>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })))
  return { done, child }
}
