/**
 * A worker process of the propagation benchmark: it hosts a share of the
 * fleet (SDK instances, or raw NATS connections for the bare floor) so the
 * fleet's connections live in other processes than the control plane, as
 * they do in production. Driven over IPC by fleet.ts; exits when the parent
 * goes away.
 */
import { init, type Prodbench } from '@prodbench/sdk'
import { connect, type NatsConnection } from 'nats'
import { ByteSink } from './byte-sink.js'
import type { StartEcho, StartKvEcho, StartSdk, WorkerReply, WorkerRequest } from './fleet-protocol.js'
import { watchKey } from './floors.js'

const closers: Array<() => Promise<void>> = []

async function startSdk(command: StartSdk): Promise<string> {
  const sink = new ByteSink()
  const instances: Prodbench[] = []
  for (let i = 0; i < command.count; i++) {
    const pb = init({
      service: command.service,
      instance: `${command.prefix}-${i}`,
      nats: command.url,
      destination: sink,
      heartbeatIntervalMs: command.heartbeatIntervalMs,
      startupTimeoutMs: 20_000,
    })
    pb.logger('db')
    instances.push(pb)
    closers.push(() => pb.close())
  }
  await Promise.all(instances.map((pb) => pb.ready()))
  const unsynced = instances.filter((pb) => pb.status().connection !== 'connected' || !pb.status().synced)
  if (unsynced.length > 0) throw new Error(`${unsynced.length} SDK instances not connected and synced after ready()`)
  return `${instances.length} instances`
}

async function openConnections(url: string, count: number): Promise<NatsConnection[]> {
  const connections = await Promise.all(Array.from({ length: count }, () => connect({ servers: url })))
  for (const nc of connections) closers.push(() => nc.close())
  return connections
}

async function startEcho(command: StartEcho): Promise<string> {
  const connections = await openConnections(command.url, command.count)
  for (const nc of connections) {
    nc.subscribe(command.subject, { callback: (_err, msg) => nc.publish(command.reply, msg.data) })
  }
  // The subscriptions are known to the server once each connection's flush returns.
  await Promise.all(connections.map((nc) => nc.flush()))
  return `${connections.length} connections`
}

async function startKvEcho(command: StartKvEcho): Promise<string> {
  const connections = await openConnections(command.url, command.count)
  await watchKey(connections, command.bucket, command.key, (nc, _index, entry) =>
    nc.publish(command.reply, entry.value),
  )
  return `${connections.length} connections`
}

async function stopAll(): Promise<string> {
  const work = closers.splice(0).map((close) => close().catch(() => {}))
  await Promise.all(work)
  return `closed ${work.length}`
}

async function handle(request: WorkerRequest): Promise<string> {
  switch (request.type) {
    case 'start-sdk':
      return startSdk(request)
    case 'start-echo':
      return startEcho(request)
    case 'start-kv-echo':
      return startKvEcho(request)
    case 'stop':
      return stopAll()
  }
}

function reply(message: WorkerReply): void {
  if (process.connected) process.send?.(message)
}

process.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (detail) => reply({ id: request.id, ok: true, detail }),
    (err: unknown) => reply({ id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  )
})

// The parent is gone (finished, crashed or killed): close and leave, so no
// worker outlives the benchmark.
process.on('disconnect', () => {
  const hardStop = setTimeout(() => process.exit(1), 3_000)
  hardStop.unref()
  stopAll().finally(() => process.exit(0))
})
