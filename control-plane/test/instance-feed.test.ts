import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { HeartbeatMessage } from '@prodbench/proto'
import { type InstanceDelta, InstanceFeed, lateTicks } from '../src/http/instance-feed.js'
import { InstanceRegistry } from '../src/registry/index.js'

const T0 = 1_764_000_000_000
const FLUSH = 20

function hb(instance: string): HeartbeatMessage {
  return { identity: { service: 'checkout', instance }, intervalMs: 100, applied: { revision: 3 } }
}

/** A feed over a registry on a clock the test moves, flushing every 20 ms of real time. */
function feedOnClock(t: { after(fn: () => void): void }) {
  const clock = { now: T0 }
  const registry = new InstanceRegistry()
  const feed = new InstanceFeed(registry, () => clock.now, FLUSH)
  const deltas: InstanceDelta<unknown>[] = []
  let waiting: (() => void) | undefined
  feed.subscribe({
    service: undefined,
    detail: false,
    deliver(delta) {
      deltas.push(delta)
      waiting?.()
    },
  })
  // The feed's timer does not hold the process open: this does, for the test.
  const alive = setInterval(() => {}, 1_000)
  t.after(() => {
    feed.close()
    clearInterval(alive)
  })
  /** Lets `n` flush periods of real time pass. */
  const flushes = (n: number) => new Promise((resolve) => setTimeout(resolve, n * FLUSH + FLUSH / 2))
  /** Resolves at the next delivery that passes `wanted`. */
  const nextDelta = (wanted: (d: InstanceDelta<unknown>) => boolean = () => true) =>
    new Promise<void>((resolve) => {
      waiting = () => {
        const last = deltas.at(-1)
        if (last && wanted(last)) resolve()
      }
    })
  return { clock, registry, deltas, flushes, nextDelta }
}

test('instance feed - an instance silent past three intervals is removed; one that speaks again is back', async (t) => {
  const { clock, registry, deltas, nextDelta } = feedOnClock(t)
  registry.heartbeat(hb('a'), clock.now)
  await nextDelta()
  assert.deepEqual(
    deltas.at(-1)?.upsert.map((v) => (v as { instance: string }).instance),
    ['a'],
  )
  // Time passes flush by flush (no stall): late past 2 intervals, gone past 3.
  const gone = nextDelta((d) => d.remove.length > 0)
  const stepper = setInterval(() => (clock.now += 2 * FLUSH), FLUSH)
  await gone
  clearInterval(stepper)
  const silent = clock.now - T0
  assert.ok(silent >= 300 && silent < 400, `removed after ${silent} ms of silence, 3 intervals are 300`)
  assert.deepEqual(deltas.at(-1)?.remove, [{ service: 'checkout', instance: 'a' }])
  assert.deepEqual(
    deltas.slice(1, -1).map((d) => (d.upsert[0] as { health?: string } | undefined)?.health),
    ['late'],
    'marked late once before',
  )

  registry.heartbeat(hb('a'), clock.now)
  await nextDelta()
  assert.deepEqual(
    deltas.at(-1)?.upsert.map((v) => (v as { instance: string }).instance),
    ['a'],
  )
})

test('instance feed - a flush that runs late (this process stalled) does not call instances silent whose heartbeats are unread', async (t) => {
  const { clock, registry, deltas, flushes, nextDelta } = feedOnClock(t)
  registry.heartbeat(hb('a'), clock.now)
  await nextDelta()
  // A 5 s stall: by the clock 'a' has been silent for 50 intervals, but its heartbeats wait to be read.
  clock.now += 5_000
  await flushes(1)
  registry.heartbeat(hb('a'), clock.now)
  await flushes(3)
  assert.deepEqual(
    deltas.flatMap((d) => d.remove),
    [],
    'no flush removed it',
  )
  assert.deepEqual(
    deltas.at(-1)?.upsert.map((v) => (v as { instance: string }).instance),
    ['a'],
  )
})

test('instance feed - late ticks are never skipped twice in a row', () => {
  let now = 0
  const late = lateTicks(100, () => now)
  now += 100
  assert.equal(late(), false)
  now += 500
  assert.equal(late(), true, 'a tick 500 ms after the last, with a 100 ms period')
  now += 500
  assert.equal(late(), false, 'the next one judges even if it is late too')
  now += 500
  assert.equal(late(), true)
})
