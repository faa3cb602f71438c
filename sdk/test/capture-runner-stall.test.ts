import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { CaptureRunner } from '../src/control/capture-runner.js'
import { DesiredState, resolve } from '../src/core/index.js'
import { MetricRegistry } from '../src/metrics/metric-registry.js'

// Kept apart from capture-runner.test.ts: this test blocks the event loop on
// purpose, which would disturb the timed tests running beside it there.

const who = { service: 'checkout', instance: 'pod-1' }

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(10)
  }
}

test('capture-runner - after an event-loop stall over two windows, snapshots are on time again', async (t) => {
  const registry = new MetricRegistry()
  const problems: unknown[] = []
  const snaps: Array<{ seq: number; endMs: number; max: number; publishedAt: number }> = []
  const runner = new CaptureRunner({
    ...who,
    registry,
    maxCaptures: 8,
    publish: (_id, s) => snaps.push({ ...(s as { seq: number; endMs: number; max: number }), publishedAt: Date.now() }),
    report: (_event, error) => problems.push(error),
  })
  t.after(() => runner.close())
  const h = registry.histogram('db.query')
  const state = DesiredState.parse({
    service: who.service,
    rules: [
      {
        id: 'c1',
        selector: { service: who.service },
        capture: { metric: 'db.query', intervalMs: 1_000 },
        createdAt: Date.now(),
        author: 'ana@laptop',
      },
    ],
  })
  await sleep(1_000 - (Date.now() % 1_000) + 100)
  const stallEnd = Math.floor(Date.now() / 1_000) * 1_000 + 2_050
  runner.update(resolve(state, who, Date.now(), 1))
  h.record(1)
  while (Date.now() < stallEnd) {
    // A long GC pause, a paused VM, or a synchronous job: no timer runs.
  }
  h.record(7) // recorded after two window ends went by
  const stalledAt = Date.now()
  await waitFor(() => snaps.length >= 1, 1_000, 'the snapshot after the stall')
  const firstAfter = snaps.length
  await waitFor(() => snaps.length >= firstAfter + 2, 2_500, 'two more snapshots')
  runner.close()
  assert.deepEqual(problems, [])

  const holding7 = snaps.find((s) => s.max === 7)
  assert.ok(holding7, 'the value recorded after the stall was published')
  assert.ok(
    holding7.endMs >= Math.floor(stalledAt / 1_000) * 1_000,
    `a value recorded at ${stalledAt} is in the window ending ${holding7.endMs}`,
  )
  const last = snaps.at(-1) as (typeof snaps)[number]
  const lag = last.publishedAt - last.endMs
  assert.ok(lag < 500, `the window ending ${last.endMs} was published ${lag} ms after its end`)
})
