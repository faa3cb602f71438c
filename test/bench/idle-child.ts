/**
 * Child process of the idle benchmark: one SDK instance (or a bare NATS
 * connection) sitting idle, with its timers, CPU and memory measured from
 * inside. Prints one JSON line. Run with --expose-gc.
 */
import { createHook } from 'node:async_hooks'
import { init } from '@prodbench/sdk'
import { connect } from 'nats'
import { ByteSink } from './byte-sink.js'

const [mode = 'sdk', url = '', seconds = '10'] = process.argv.slice(2)
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const timers = new Set<number>()
let fired = 0
let measuring = false
createHook({
  init(id, type) {
    if (type === 'Timeout') timers.add(id)
  },
  before(id) {
    if (measuring && timers.has(id)) fired++
  },
  destroy(id) {
    timers.delete(id)
  },
}).enable()

gc()
const before = process.memoryUsage()
let close: () => Promise<void>
if (mode === 'bare') {
  const nc = await connect({ servers: url })
  close = () => nc.close()
} else {
  const pb = init({ service: 'idle', nats: url, destination: new ByteSink() })
  const histograms = mode === 'sdk+20' ? 20 : 0
  for (let i = 0; i < histograms; i++) {
    const h = pb.histogram(`idle.metric${i}`, { unit: 'us' })
    for (let v = 1; v <= 1_000; v++) h.record(v * 37)
  }
  pb.logger('db')
  await pb.ready()
  close = () => pb.close()
}
await sleep(1_000)
gc()
const settled = process.memoryUsage()
const cpu = process.cpuUsage()
measuring = true
const start = performance.now()
await sleep(Number(seconds) * 1_000)
measuring = false
const elapsed = (performance.now() - start) / 1_000
const used = process.cpuUsage(cpu)
// The measuring sleep's own timer fired once: not the SDK's.
fired -= 1
console.log(
  JSON.stringify({
    mode,
    seconds: elapsed,
    timersPerSecond: fired / elapsed,
    cpuPercent: ((used.user + used.system) / 1_000 / (elapsed * 1_000)) * 100,
    heapBytes: settled.heapUsed - before.heapUsed,
    arrayBufferBytes: settled.arrayBuffers - before.arrayBuffers,
    rssBytes: settled.rss - before.rss,
  }),
)
await close()
