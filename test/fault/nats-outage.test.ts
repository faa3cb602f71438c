import assert from 'node:assert/strict'
import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { Agent, get } from 'node:http'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { codecs } from '@prodbench/proto'
import { connect } from 'nats'
import { startControlPlane } from '../../control-plane/src/index.js'
import { eventually, startInstance } from '../helpers/fleet.js'
import { controlPlaneClient } from '../helpers/grpc.js'
import { startTestNats } from '../helpers/nats-server.js'
import type { PhaseReport } from './outage-service.js'

const SERVICE = fileURLToPath(new URL('./outage-service.ts', import.meta.url))
const METRIC = 'http.server.duration'
const OUTAGE_MS = 10_000
/** The bound on the event-loop delay the SDK may add, ms. */
const SDK_DELAY_BOUND_MS = 5
/** How much the SDK's heap may grow over the outage and recovery, bytes. */
const HEAP_GROWTH_BOUND = 8 * 1024 * 1024
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One service process and its IPC. */
async function startService(mode: 'sdk' | 'bare', url: string, t: { after(fn: () => Promise<void>): void }) {
  const child: ChildProcess = fork(SERVICE, [mode, url, 'svc'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = once(child, 'exit')
  t.after(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGKILL')
    await exited
  })
  const [hello] = (await once(child, 'message')) as [{ port: number }]
  return {
    port: hello.port,
    /** Ends the current phase; its report. */
    async phase(): Promise<PhaseReport> {
      const answer = once(child, 'message')
      child.send({ type: 'phase' })
      return ((await answer)[0] as { report: PhaseReport }).report
    },
    async close(): Promise<void> {
      child.send({ type: 'close' })
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}

test('outage - 10 s without NATS under HTTP load: no added event-loop delay, bounded memory, resync and ack after, telemetry delivered or counted', async (t) => {
  const rejections: unknown[] = []
  const onRejection = (err: unknown) => rejections.push(err)
  process.on('unhandledRejection', onRejection)
  process.on('uncaughtException', onRejection)
  t.after(() => {
    process.off('unhandledRejection', onRejection)
    process.off('uncaughtException', onRejection)
  })

  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0', onWarning: () => {} })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const [sdk, bare] = await Promise.all([startService('sdk', nats.url, t), startService('bare', nats.url, t)])
  // A second instance with a 2-snapshot buffer, in this process: its outage must show as counted drops.
  const small = startInstance({ service: 'outage', instance: 'small', nats: nats.url, telemetryBufferSize: 2 }, t)
  const smallHistogram = small.pb.histogram(METRIC, { unit: 'us' })
  const recording = setInterval(() => smallHistogram.record(900), 10)
  t.after(() => clearInterval(recording))
  await small.pb.ready()
  await eventually(async () => (await client.listInstances({ service: 'outage' }))?.instances?.length === 2)

  // Every snapshot on the wire, seen by a client that reconnects fast.
  const observer = await connect({ servers: nats.url, reconnectTimeWait: 50, maxReconnectAttempts: -1 })
  t.after(() => observer.close())
  const maxSeq = new Map<string, number>()
  observer.subscribe('pb.v1.hist.>', {
    callback: (_err, msg) => {
      const s = codecs.histogramSnapshot.decode(msg.data)
      maxSeq.set(s.instance ?? '', Math.max(maxSeq.get(s.instance ?? '') ?? 0, s.seq ?? 0))
    },
  })
  const capture = await client.setRule({
    rule: { selector: { service: 'outage' }, capture: { metric: METRIC, intervalMs: 1_000 }, ttlMs: 120_000 },
    waitMs: 5_000,
  })
  assert.equal(capture?.rollout?.complete, true, JSON.stringify(capture?.rollout))

  // HTTP load on both services: 200 requests/s each, open loop, keep-alive.
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  t.after(() => agent.destroy())
  const load = { sent: 0, failed: 0 }
  const hit = (port: number) => {
    load.sent++
    get({ host: '127.0.0.1', port, path: '/orders', agent }, (res) => {
      res.resume()
      if (res.statusCode !== 200) load.failed++
    }).on('error', () => load.failed++)
  }
  const loader = setInterval(() => {
    hit(sdk.port)
    hit(bare.port)
  }, 5)
  t.after(() => clearInterval(loader))

  await sleep(1_500) // warm-up, then a first window of the capture
  await Promise.all([sdk.phase(), bare.phase()])
  await sleep(3_000)
  const [sdkConnected, bareConnected] = await Promise.all([sdk.phase(), bare.phase()])

  await nats.stop()
  const stoppedAt = Date.now()
  await sleep(OUTAGE_MS)
  const [sdkOutage, bareOutage] = await Promise.all([sdk.phase(), bare.phase()])
  assert.equal(sdkOutage.connection, 'disconnected')
  const smallDropped = small.pb.status().snapshots

  await nats.restart()
  const backAt = Date.now()
  // The change is made at once: the control plane rides out its own reconnect (a short grace) and waits for the ack.
  const change = await client.setRule({
    rule: { selector: { service: 'outage', logger: 'db' }, level: 'debug' },
    waitMs: 5_000,
  })
  const ackedMs = Date.now() - backAt
  assert.equal(change?.rollout?.complete, true, JSON.stringify(change?.rollout))
  assert.deepEqual([...(change?.rollout?.applied ?? [])].sort(), ['small', 'svc'])
  await sleep(3_000) // the buffered snapshots go out, new windows close
  const [sdkAfter, bareAfter] = await Promise.all([sdk.phase(), bare.phase()])

  // Telemetry: stop the capture, then every snapshot sent is merged, late, counted lost (a gap), or refused.
  await client.removeRules({ service: 'outage', ruleIds: [capture?.rules?.[0]?.id ?? ''] })
  await sleep(1_500)
  clearInterval(loader)
  const stats = cp.stats().histograms
  const sent = [...maxSeq.values()].reduce((a, b) => a + b, 0)
  const accounted = stats.accepted + stats.late + stats.lost + stats.rejected
  await Promise.all([sdk.close(), bare.close()])

  const ms = (n: number) => n.toFixed(1)
  const mib = (n: number) => (n / 1_048_576).toFixed(1)
  console.log(
    [
      `outage: event-loop delay (ms, p50/p99/max), SDK service vs bare service under the same load (${load.sent} requests, ${load.failed} failed):`,
      `  connected: SDK ${ms(sdkConnected.p50)}/${ms(sdkConnected.p99)}/${ms(sdkConnected.max)}  bare ${ms(bareConnected.p50)}/${ms(bareConnected.p99)}/${ms(bareConnected.max)}`,
      `  NATS down: SDK ${ms(sdkOutage.p50)}/${ms(sdkOutage.p99)}/${ms(sdkOutage.max)}  bare ${ms(bareOutage.p50)}/${ms(bareOutage.p99)}/${ms(bareOutage.max)}`,
      `  recovery:  SDK ${ms(sdkAfter.p50)}/${ms(sdkAfter.p99)}/${ms(sdkAfter.max)}  bare ${ms(bareAfter.p50)}/${ms(bareAfter.p99)}/${ms(bareAfter.max)}`,
      `  heap after gc: SDK ${mib(sdkConnected.heap)} → ${mib(sdkOutage.heap)} (down) → ${mib(sdkAfter.heap)} MiB; bare ${mib(bareConnected.heap)} → ${mib(bareAfter.heap)} MiB`,
      `  after the server came back: SDK reconnected in ${sdkAfter.reconnectedAt - backAt} ms, applied the change in ${sdkAfter.dbDebugAt - backAt} ms, rollout acked by both in ${ackedMs} ms (server down ${backAt - stoppedAt} ms)`,
      `  telemetry: ${sent} snapshots sent; control plane merged ${stats.accepted}, late ${stats.late}, lost (gaps) ${stats.lost}, refused ${stats.rejected}; SDK buffer at the end of the outage ${JSON.stringify(sdkOutage.snapshots)}, small instance (buffer 2) ${JSON.stringify(smallDropped)}`,
    ].join('\n'),
  )

  // The service kept serving, and nothing escaped the SDK.
  assert.equal(load.failed, 0, 'every HTTP request answered')
  for (const r of [sdkConnected, sdkOutage, sdkAfter]) {
    assert.equal(r.unhandledRejections, 0)
    assert.equal(r.uncaughtExceptions, 0)
  }
  assert.deepEqual(rejections, [])
  // Event-loop delay attributable to the SDK: its service's p99 minus the bare service's, same load, same time.
  for (const [phase, withSdk, without] of [
    ['connected', sdkConnected, bareConnected],
    ['NATS down', sdkOutage, bareOutage],
    ['recovery', sdkAfter, bareAfter],
  ] as const) {
    assert.ok(
      withSdk.p99 - without.p99 < SDK_DELAY_BOUND_MS,
      `${phase}: p99 ${ms(withSdk.p99)} ms with the SDK vs ${ms(without.p99)} ms without`,
    )
  }
  assert.ok(sdkAfter.heap - sdkConnected.heap < HEAP_GROWTH_BOUND, 'heap within bounds after the outage')
  // Reconnect, resync and ack after the server's return.
  assert.ok(sdkAfter.reconnectedAt >= backAt, 'reconnected after the restart')
  assert.ok(sdkAfter.dbDebugAt >= backAt, 'the change made after the restart was applied')
  // Telemetry: the big buffer kept the whole outage; the small one dropped and counted.
  assert.ok(sdkOutage.snapshots.buffered >= 5, `buffered during the outage: ${JSON.stringify(sdkOutage.snapshots)}`)
  assert.equal(sdkAfter.snapshots.buffered, 0, 'the buffer was flushed')
  assert.equal(sdkAfter.snapshots.dropped, 0)
  assert.ok(smallDropped.dropped > 0, 'the 2-snapshot buffer dropped and counted')
  assert.ok(stats.lost >= small.pb.status().snapshots.dropped, 'the drops show as gaps')
  assert.equal(accounted, sent, 'every snapshot sent is merged, late, counted lost or refused')
})
