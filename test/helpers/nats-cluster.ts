import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { connect } from 'nats'
import { findNatsServerBinary } from '../../control-plane/src/index.js'

/** One nats-server of a {@link TestNatsCluster}. */
export interface ClusterNode {
  /** `server_name` (n0, n1, ...). */
  readonly name: string
  /** `nats://127.0.0.1:PORT` of its client port. */
  readonly url: string
  /** Its HTTP monitoring port (`/connz`, `/jsz`, `/routez`). */
  readonly monitorPort: number
  /** False between {@link TestNatsCluster.kill} and {@link TestNatsCluster.start}. */
  readonly running: boolean
}

/**
 * Three (or more) nats-server processes with routes between them on
 * loopback, JetStream on every node, one cluster name: the smallest
 * cluster where a JetStream R3 stream survives the loss of a node.
 */
export interface TestNatsCluster {
  readonly nodes: readonly ClusterNode[]
  /** Every node's client URL, in node order (what an SDK or control plane is given). */
  readonly urls: string[]
  /** Kills node `i` with SIGKILL (a crash, not a clean shutdown). */
  kill(i: number): Promise<void>
  /** Starts node `i` again on the same ports and store. */
  start(i: number): Promise<void>
  /**
   * Names of the clients connected to node `i` right now (from its `/connz`):
   * tells a test which node to kill to force a given client to fail over.
   */
  clientNames(i: number): Promise<string[]>
  /** Stops every node and removes the store. Idempotent. */
  close(): Promise<void>
}

const READY = /Server is ready/
const READY_TIMEOUT_MS = 15_000
const JETSTREAM_TIMEOUT_MS = 20_000

/**
 * Starts a cluster of `size` nats-servers (JetStream, routes to each other,
 * cluster name `pb-test`) on free loopback ports, each with its own store in
 * a fresh temp dir, and resolves once JetStream answers (a meta leader was
 * elected). With `t`, it is stopped when the test ends, after the test's
 * other after-hooks (as {@link startTestNats} does).
 */
export async function startTestNatsCluster(t?: Pick<TestContext, 'after'>, size = 3): Promise<TestNatsCluster> {
  const binary = findNatsServerBinary()
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-cluster-'))
  const ports = await freePorts(size * 3)
  const specs = Array.from({ length: size }, (_, i) => ({
    name: `n${i}`,
    client: ports[i * 3] as number,
    route: ports[i * 3 + 1] as number,
    monitor: ports[i * 3 + 2] as number,
    config: join(dir, `n${i}.conf`),
  }))
  const routes = specs.map((s) => `nats-route://127.0.0.1:${s.route}`)
  for (const spec of specs) {
    await writeFile(
      spec.config,
      [
        `server_name: ${spec.name}`,
        `listen: 127.0.0.1:${spec.client}`,
        `http: 127.0.0.1:${spec.monitor}`,
        `jetstream { store_dir: "${join(dir, spec.name)}", max_memory_store: 256MB, max_file_store: 16GB }`,
        'cluster {',
        '  name: pb-test',
        `  listen: 127.0.0.1:${spec.route}`,
        `  routes: [${routes.join(', ')}]`,
        '}',
        '',
      ].join('\n'),
    )
  }

  const children: Array<ChildProcess | undefined> = specs.map(() => undefined)
  const launch = async (i: number) => {
    children[i] = await spawnReady(binary, (specs[i] as (typeof specs)[number]).config)
  }
  const stopChild = async (i: number, signal: NodeJS.Signals) => {
    const child = children[i]
    children[i] = undefined
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = once(child, 'exit')
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      await Promise.all(specs.map((_, i) => stopChild(i, 'SIGTERM')))
      await rm(dir, { recursive: true, force: true })
    })()
    return closing
  }

  try {
    await Promise.all(specs.map((_, i) => launch(i)))
    await waitForJetStream(specs.map((s) => `nats://127.0.0.1:${s.client}`))
  } catch (err) {
    await close()
    throw err
  }
  // See startTestNats: a hook added from inside a hook runs after the test's own hooks.
  t?.after(() => {
    t.after(close)
    setTimeout(() => void close(), 15_000).unref()
  })

  const nodes: ClusterNode[] = specs.map((spec, i) => ({
    name: spec.name,
    url: `nats://127.0.0.1:${spec.client}`,
    monitorPort: spec.monitor,
    get running() {
      return children[i] !== undefined
    },
  }))
  return {
    nodes,
    urls: nodes.map((n) => n.url),
    kill: (i) => stopChild(i, 'SIGKILL'),
    start: (i) => launch(i),
    async clientNames(i) {
      const res = await fetch(`http://127.0.0.1:${(specs[i] as (typeof specs)[number]).monitor}/connz?limit=10000`)
      const body = (await res.json()) as { connections?: Array<{ name?: string }> }
      return (body.connections ?? []).map((c) => c.name ?? '')
    },
    close,
  }
}

/** Spawns one node and resolves once it logged "Server is ready". */
function spawnReady(binary: string, config: string): Promise<ChildProcess> {
  const [command, args] = withParentDeathSignal(binary, ['-c', config])
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  child.once('exit', () => process.removeListener('exit', killOnExit))
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`nats-server -c ${config} not ready after ${READY_TIMEOUT_MS} ms:\n${output.slice(-2_000)}`))
    }, READY_TIMEOUT_MS)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (READY.test(output)) {
        clearTimeout(timer)
        child.stdout?.removeAllListeners('data')
        child.stderr?.removeAllListeners('data')
        // Keep the pipes flowing so a chatty server never blocks on a full pipe.
        child.stdout?.resume()
        child.stderr?.resume()
        resolve(child)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`nats-server -c ${config} exited (${signal ?? code}):\n${output.slice(-2_000)}`))
    })
  })
}

/** Resolves once the cluster's JetStream answers an account-info request (its meta leader is elected). */
async function waitForJetStream(urls: string[]): Promise<void> {
  const nc = await connect({ servers: urls })
  try {
    const deadline = Date.now() + JETSTREAM_TIMEOUT_MS
    for (;;) {
      try {
        const jsm = await nc.jetstreamManager({ timeout: 2_000 })
        await jsm.getAccountInfo()
        return
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`JetStream of the cluster not ready: ${(err as Error).message}`)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
  } finally {
    await nc.close()
  }
}

/** `count` distinct free loopback ports (bound once, then released). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer()
          server.once('error', reject)
          server.listen(0, '127.0.0.1', () => resolve(server))
        }),
    ),
  )
  const ports = servers.map((s) => (s.address() as { port: number }).port)
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
  return ports
}

let pdeathsig: boolean | undefined

/** As the embedded server does: on Linux the kernel kills the node if this process dies first. */
function withParentDeathSignal(binary: string, args: string[]): [string, string[]] {
  if (process.platform !== 'linux') return [binary, args]
  pdeathsig ??= spawnSync('setpriv', ['--pdeathsig', 'KILL', 'true'], { stdio: 'ignore' }).status === 0
  return pdeathsig ? ['setpriv', ['--pdeathsig', 'KILL', binary, ...args]] : [binary, args]
}
