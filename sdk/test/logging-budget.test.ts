import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { logRig } from './helpers/log-rig.js'

test('budget - a flood is capped, lowest levels dropped first, drops counted per logger and level', (t) => {
  const rig = logRig({ budget: { recordsPerSec: 100, bytesPerSec: 0 } })
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([{ level: 'debug' }])
  for (let i = 0; i < 1_000; i++) db.debug('flood')
  for (let i = 0; i < 20; i++) db.error('still heard')
  const lines = rig.sink.lines()
  assert.ok(lines.length <= 100, `wrote ${lines.length}`)
  assert.equal(lines.filter((l) => l.level === 20).length, 70, 'debug may use 70% of the budget')
  assert.equal(lines.filter((l) => l.level === 50).length, 20, 'errors use the rest')
  assert.deepEqual(rig.engine.budget.dropped.list(), [{ logger: 'db', level: 'debug', count: 930 }])
})

test('budget - bytes per second are enforced on the serialised size', (t) => {
  const rig = logRig({ budget: { recordsPerSec: 0, bytesPerSec: 10_000 } })
  t.after(rig.close)
  const log = rig.registry.get('')
  for (let i = 0; i < 1_000; i++) log.info({ pad: 'x'.repeat(100) }, 'big')
  const bytes = rig.sink.lines().reduce((sum, line) => sum + JSON.stringify(line).length + 1, 0)
  assert.ok(bytes <= 10_000 * 0.85, `wrote ${bytes} bytes`)
  assert.ok(rig.engine.budget.dropped.total > 900)
})

test('budget - one summary record per second says what was dropped', async (t) => {
  const rig = logRig({ budget: { recordsPerSec: 10, bytesPerSec: 0 } })
  t.after(rig.close)
  const db = rig.registry.get('db')
  for (let i = 0; i < 50; i++) db.info('flood')
  await sleep(1_100)
  assert.equal(rig.summaries.length, 1)
  assert.equal(rig.summaries[0]?.total, 42)
  assert.deepEqual(rig.summaries[0]?.byLevel, { info: 42 })
  assert.deepEqual(rig.summaries[0]?.byLogger, { db: 42 })
})

test('budget - a budget rule overrides the code budget live', (t) => {
  const rig = logRig({ budget: { recordsPerSec: 1_000, bytesPerSec: 0 } })
  t.after(rig.close)
  const log = rig.registry.get('')
  rig.apply([{ budget: { recordsPerSec: 20 } }])
  for (let i = 0; i < 100; i++) log.error('e')
  assert.equal(rig.sink.lines().length, 20)
  assert.equal(rig.engine.budget.ruleId, 'r1')
})
