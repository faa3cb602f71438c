/**
 * The IPC messages between the propagation benchmark and its worker
 * processes (fleet-worker.ts). One command at a time per worker; every
 * command is answered with a {@link WorkerReply} carrying its `id`.
 */

/** Start `count` SDK instances `<prefix>-0 .. <prefix>-(count-1)` of service `service`. */
export interface StartSdk {
  type: 'start-sdk'
  url: string
  service: string
  prefix: string
  count: number
  heartbeatIntervalMs: number
}

/** Open `count` raw NATS connections, each answering a message on `subject` by publishing its payload to `reply`. */
export interface StartEcho {
  type: 'start-echo'
  url: string
  count: number
  subject: string
  reply: string
}

/** Open `count` raw NATS connections, each watching KV `bucket`/`key` and publishing every value to `reply`. */
export interface StartKvEcho {
  type: 'start-kv-echo'
  url: string
  count: number
  bucket: string
  key: string
  reply: string
}

/** Close everything the worker opened (SDK instances and connections). */
export interface StopAll {
  type: 'stop'
}

/** A command from the benchmark to a worker. */
export type WorkerCommand = StartSdk | StartEcho | StartKvEcho | StopAll

/** A command with its correlation id, as sent over IPC. */
export type WorkerRequest = WorkerCommand & { id: number }

/** A worker's answer to one request. */
export type WorkerReply = { id: number; ok: true; detail?: string } | { id: number; ok: false; message: string }
