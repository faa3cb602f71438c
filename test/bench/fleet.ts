import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import type { WorkerCommand, WorkerReply, WorkerRequest } from './fleet-protocol.js'

const WORKER = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url))
const EXIT_GRACE_MS = 5_000

interface Pending {
  resolve: (detail: string) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

/** One worker process and its outstanding requests. */
class Worker {
  readonly #child: ChildProcess
  readonly #pending = new Map<number, Pending>()
  #nextId = 1

  constructor(readonly index: number) {
    this.#child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    this.#child.on('message', (reply: WorkerReply) => {
      const pending = this.#pending.get(reply.id)
      if (!pending) return
      this.#pending.delete(reply.id)
      clearTimeout(pending.timer)
      if (reply.ok) pending.resolve(reply.detail ?? '')
      else pending.reject(new Error(`worker ${index}: ${reply.message}`))
    })
    this.#child.on('exit', (code, signal) => this.#failAll(new Error(`worker ${index} exited (${signal ?? code})`)))
    this.#child.on('error', (err) => this.#failAll(err))
  }

  get child(): ChildProcess {
    return this.#child
  }

  request(command: WorkerCommand, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      if (!this.#child.connected) {
        reject(new Error(`worker ${this.index} is not running`))
        return
      }
      const id = this.#nextId++
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`worker ${this.index}: ${command.type} timed out after ${timeoutMs} ms`))
      }, timeoutMs)
      this.#pending.set(id, { resolve, reject, timer })
      this.#child.send({ ...command, id } satisfies WorkerRequest)
    })
  }

  /** Asks the worker to close what it opened, then to leave; kills it if it does not. */
  async close(): Promise<void> {
    const child = this.#child
    if (child.exitCode !== null || child.signalCode !== null) return
    await this.request({ type: 'stop' }, EXIT_GRACE_MS).catch(() => {})
    const exited = once(child, 'exit')
    if (child.connected) child.disconnect()
    const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS)
    await exited
    clearTimeout(timer)
  }

  #failAll(error: Error): void {
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id)
      clearTimeout(pending.timer)
      pending.reject(error)
    }
  }
}

/**
 * K worker processes (fleet-worker.ts run with tsx) hosting the benchmark's
 * fleet. Whatever happens, {@link Fleet.close} (or this process exiting)
 * takes them down.
 */
export class Fleet {
  readonly #workers: Worker[]
  readonly #killOnExit = () => {
    for (const worker of this.#workers) worker.child.kill('SIGKILL')
  }
  #closing: Promise<void> | undefined

  private constructor(size: number) {
    this.#workers = Array.from({ length: size }, (_, k) => new Worker(k))
    process.once('exit', this.#killOnExit)
  }

  /** Forks `size` workers and waits until each process has spawned. */
  static async start(size: number): Promise<Fleet> {
    const fleet = new Fleet(size)
    try {
      await Promise.all(fleet.#workers.map((worker) => once(worker.child, 'spawn')))
    } catch (err) {
      await fleet.close()
      throw err
    }
    return fleet
  }

  /** Number of worker processes. */
  get size(): number {
    return this.#workers.length
  }

  /** Sends `commandFor(k)` to every worker k; resolves with their details once all succeeded. */
  all(commandFor: (k: number) => WorkerCommand, timeoutMs: number): Promise<string[]> {
    return Promise.all(this.#workers.map((worker) => worker.request(commandFor(worker.index), timeoutMs)))
  }

  /** Closes what the workers opened and ends them. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= Promise.all(this.#workers.map((worker) => worker.close())).then(() => {
      process.off('exit', this.#killOnExit)
    })
    return this.#closing
  }
}

/** Worker k's share when `total` items are spread over `workers` as evenly as possible. */
export function shareOf(total: number, workers: number, k: number): number {
  return Math.floor(total / workers) + (k < total % workers ? 1 : 0)
}
