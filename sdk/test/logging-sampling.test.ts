import assert from 'node:assert/strict'
import { test } from 'node:test'
import { logRig } from './helpers/log-rig.js'

test('sample - rate 0.1 keeps a fraction within statistical bounds and marks the rate', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([{ level: 'debug' }, { sample: { level: 'debug', rate: 0.1 } }])
  const n = 20_000
  for (let i = 0; i < n; i++) db.debug('tick')
  const kept = rig.sink.lines()
  // Binomial(20000, 0.1): mean 2000, sd ~42; 6 sd either side never fails by chance.
  assert.ok(Math.abs(kept.length - 2_000) < 6 * 42.4, `kept ${kept.length} of ${n}`)
  assert.ok(kept.every((line) => line.sampleRate === 0.1))
  const out = rig.engine.sampler.sampledOut.list()
  assert.deepEqual(out, [{ logger: 'db', level: 'debug', count: n - kept.length }])
})

test('sample - errors are kept unless the rule names their level', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([{ sample: { level: 'warn', rate: 0.01 } }])
  for (let i = 0; i < 200; i++) db.error('failure')
  assert.equal(rig.sink.lines().length, 200)
  assert.ok(rig.sink.lines().every((line) => line.sampleRate === undefined))
})

test('sample - a logger rule samples that logger only', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  const http = rig.registry.get('http')
  rig.apply([{ sample: { level: 'info', rate: 0.000001 }, selector: { logger: 'db' } }])
  for (let i = 0; i < 100; i++) {
    db.info('db')
    http.info('http')
  }
  const lines = rig.sink.lines()
  assert.equal(lines.filter((l) => l.logger === 'http').length, 100)
  assert.ok(lines.filter((l) => l.logger === 'db').length < 5)
})

test('sample - a rule with where samples matching requests only', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const log = rig.registry.get('')
  rig.apply([{ sample: { level: 'info', rate: 0.000001 }, selector: { where: { tenant: 'noisy' } } }])
  rig.request({ tenant: 'noisy' }, () => {
    for (let i = 0; i < 50; i++) log.info('noisy')
  })
  rig.request({ tenant: 'calm' }, () => {
    for (let i = 0; i < 50; i++) log.info('calm')
  })
  const lines = rig.sink.lines()
  assert.equal(lines.filter((l) => l.msg === 'calm').length, 50)
  assert.ok(lines.filter((l) => l.msg === 'noisy').length < 5)
})
