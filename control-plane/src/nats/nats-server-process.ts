import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { InvalidOptionsError, NatsServerMissingError, NatsServerStartError } from '../errors.js'

/** Options of {@link startNatsServer}. */
export interface NatsServerOptions {
  /**
   * Client port. 0 or undefined lets nats-server pick a free one (`-p -1`,
   * no race with other processes); restarts keep the port it got.
   * @default 0
   */
  port?: number
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string
  /** JetStream store directory (created when missing). Restarts reuse it, so KV data survives. */
  storeDir: string
  /**
   * Path of the nats-server binary.
   * @default the first `nats-server` on PATH, else /usr/sbin/nats-server, /usr/local/bin/nats-server
   */
  binary?: string
  /**
   * How long to wait for "Server is ready".
   * @default 10000
   */
  readyTimeoutMs?: number
  /**
   * A nats-server config file (`-c`), e.g. the authorization block written by
   * `control-plane nats-config`; the flags above win over its listen and store settings.
   * @default none (an open server)
   */
  configFile?: string
}

/** A running nats-server child process with JetStream. */
export interface NatsServerHandle {
  /** `nats://HOST:PORT`. */
  readonly url: string
  readonly port: number
  readonly storeDir: string
  /** Stops the server and starts it again on the same port and store (clients reconnect). */
  restart(): Promise<void>
  /** Stops the server: SIGTERM, then SIGKILL after a bound. Idempotent. */
  stop(): Promise<void>
}

const FALLBACK_BINARIES = ['/usr/sbin/nats-server', '/usr/local/bin/nats-server']
const READY = /Server is ready/
const LISTENING = /Listening for client connections on (\S+):(\d+)/
const STOP_GRACE_MS = 5_000
const KEEP_LINES = 20

/** Finds the nats-server binary, or throws {@link NatsServerMissingError}. */
export function findNatsServerBinary(explicit?: string): string {
  const candidates = explicit
    ? [explicit]
    : [
        ...(process.env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, 'nats-server')),
        ...FALLBACK_BINARIES,
      ]
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not this one
    }
  }
  throw new NatsServerMissingError(explicit ? [explicit] : FALLBACK_BINARIES)
}

/**
 * Spawns `nats-server -a HOST -p PORT -js -sd STOREDIR` and resolves once it
 * is ready. The child is killed when this process exits.
 * @throws {NatsServerMissingError} when no binary is found
 * @throws {NatsServerStartError} when it exits early or is not ready in time
 */
export async function startNatsServer(options: NatsServerOptions): Promise<NatsServerHandle> {
  const host = options.host ?? '127.0.0.1'
  const requested = options.port ?? 0
  if (!Number.isInteger(requested) || requested < 0 || requested > 65_535) {
    throw new InvalidOptionsError(`port must be an integer 0-65535 (got ${String(options.port)})`)
  }
  if (!options.storeDir) throw new InvalidOptionsError('storeDir is required')
  const binary = findNatsServerBinary(options.binary)
  const timeoutMs = options.readyTimeoutMs ?? 10_000
  mkdirSync(options.storeDir, { recursive: true })

  let child = await spawnReady(binary, host, requested, options.storeDir, timeoutMs, options.configFile)
  const port = child.port
  let stopped = false

  const handle: NatsServerHandle = {
    url: `nats://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    storeDir: options.storeDir,
    async restart() {
      await child.stop()
      child = await spawnReady(binary, host, port, options.storeDir, timeoutMs, options.configFile)
      stopped = false
    },
    async stop() {
      if (stopped) return
      stopped = true
      await child.stop()
    },
  }
  return handle
}

interface RunningChild {
  readonly port: number
  stop(): Promise<void>
}

function spawnReady(
  binary: string,
  host: string,
  port: number,
  storeDir: string,
  timeoutMs: number,
  configFile?: string,
): Promise<RunningChild> {
  const args = [
    ...(configFile ? ['-c', configFile] : []),
    ...['-a', host, '-p', port === 0 ? '-1' : String(port), '-js', '-sd', storeDir],
  ]
  const [command, commandArgs] = withParentDeathSignal(binary, args)
  const proc = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  // The child must not outlive us, even when the parent exits without closing it.
  const killOnExit = () => proc.kill('SIGKILL')
  process.once('exit', killOnExit)
  const exited = new Promise<void>((resolve) => {
    proc.once('exit', () => {
      process.removeListener('exit', killOnExit)
      resolve()
    })
  })

  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return
    proc.kill('SIGTERM')
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS)
    await exited
    clearTimeout(timer)
  }

  return new Promise<RunningChild>((resolve, reject) => {
    let listeningPort = port
    let settled = false
    const fail = async (why: string, cause?: unknown) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      await stop()
      const tail = lines.slice(-KEEP_LINES).join('\n')
      reject(
        new NatsServerStartError(`nats-server (${binary} ${args.join(' ')}) ${why}\n--- last output ---\n${tail}`, {
          cause,
        }),
      )
    }
    const timer = setTimeout(() => void fail(`was not ready after ${timeoutMs} ms`), timeoutMs)
    const onLine = (line: string) => {
      lines.push(line)
      if (lines.length > KEEP_LINES * 2) lines.splice(0, lines.length - KEEP_LINES)
      const listening = LISTENING.exec(line)
      if (listening) listeningPort = Number(listening[2])
      if (!settled && READY.test(line)) {
        settled = true
        clearTimeout(timer)
        resolve({ port: listeningPort, stop })
      }
    }
    readLines(proc, onLine)
    proc.once('error', (err) => void fail(`could not be started: ${err.message}`, err))
    proc.once('exit', (code, signal) => void fail(`exited before it was ready (code ${code}, signal ${signal})`))
  })
}

function readLines(proc: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [proc.stdout, proc.stderr]) {
    if (!stream) continue
    let buffered = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      buffered += chunk
      let newline = buffered.indexOf('\n')
      while (newline >= 0) {
        onLine(buffered.slice(0, newline))
        buffered = buffered.slice(newline + 1)
        newline = buffered.indexOf('\n')
      }
    })
  }
}

let pdeathsig: boolean | undefined

/**
 * On Linux, runs the binary through `setpriv --pdeathsig KILL` (util-linux),
 * which execs it in place: the kernel then kills nats-server even when this
 * process dies without running its exit handlers (SIGKILL, a crash).
 * Elsewhere, or without setpriv, the 'exit' handler is the only guard.
 */
function withParentDeathSignal(binary: string, args: string[]): [string, string[]] {
  if (process.platform !== 'linux') return [binary, args]
  pdeathsig ??= spawnSync('setpriv', ['--pdeathsig', 'KILL', 'true'], { stdio: 'ignore' }).status === 0
  return pdeathsig ? ['setpriv', ['--pdeathsig', 'KILL', binary, ...args]] : [binary, args]
}
