import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import type { ScaleCommand } from './scale-worker.js'

const WORKER = fileURLToPath(new URL('./scale-worker.ts', import.meta.url))
const EXIT_GRACE_MS = 10_000

type Reply = { id: number; ok: true; detail: unknown } | { id: number; ok: false; message: string }

/**
 * K worker processes (scale-worker.ts) hosting the scale benchmark's fleet,
 * one request at a time each over IPC. {@link ScaleFleet.close} (or this
 * process exiting) takes them down.
 */
export class ScaleFleet {
  readonly #children: ChildProcess[]
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  readonly #killOnExit = () => {
    for (const child of this.#children) child.kill('SIGKILL')
  }
  #nextId = 1
  #closing: Promise<void> | undefined

  private constructor(size: number) {
    this.#children = Array.from({ length: size }, (_, k) => {
      const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      child.on('message', (reply: Reply) => {
        const pending = this.#pending.get(reply.id)
        if (!pending) return
        this.#pending.delete(reply.id)
        if (reply.ok) pending.resolve(reply.detail)
        else pending.reject(new Error(`worker ${k}: ${reply.message}`))
      })
      child.on('exit', (code, signal) => {
        for (const [id, pending] of this.#pending) {
          this.#pending.delete(id)
          pending.reject(new Error(`worker ${k} exited (${signal ?? code})`))
        }
      })
      return child
    })
    process.once('exit', this.#killOnExit)
  }

  /** Forks `size` workers and waits until each has spawned. */
  static async start(size: number): Promise<ScaleFleet> {
    const fleet = new ScaleFleet(size)
    await Promise.all(fleet.#children.map((child) => once(child, 'spawn')))
    return fleet
  }

  get size(): number {
    return this.#children.length
  }

  /** Sends `commandFor(k)` to every worker k; their answers in worker order. */
  all<T>(commandFor: (k: number) => ScaleCommand, timeoutMs: number): Promise<T[]> {
    return Promise.all(
      this.#children.map(
        (child) =>
          new Promise<T>((resolve, reject) => {
            const id = this.#nextId++
            const command = commandFor(this.#children.indexOf(child))
            const timer = setTimeout(() => {
              this.#pending.delete(id)
              reject(new Error(`${command.type} timed out after ${timeoutMs} ms`))
            }, timeoutMs)
            this.#pending.set(id, {
              resolve: (value) => {
                clearTimeout(timer)
                resolve(value as T)
              },
              reject: (error) => {
                clearTimeout(timer)
                reject(error)
              },
            })
            child.send({ ...command, id })
          }),
      ),
    )
  }

  /** Closes the instances, then the workers. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.all(() => ({ type: 'stop' }), EXIT_GRACE_MS).catch(() => {})
      await Promise.all(
        this.#children.map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null) return
          const exited = once(child, 'exit')
          if (child.connected) child.disconnect()
          const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS)
          await exited
          clearTimeout(timer)
        }),
      )
      process.off('exit', this.#killOnExit)
    })()
    return this.#closing
  }
}
