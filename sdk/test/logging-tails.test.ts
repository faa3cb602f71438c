import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { logRig } from './helpers/log-rig.js'

test('tail - records below the level reach the tail, never the destination', async (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([{ tail: { level: 'debug' }, selector: { logger: 'db' } }])
  db.debug('for the tail')
  db.info('written and tailed')
  rig.registry.get('http').debug('not covered')
  await sleep(250)
  assert.deepEqual(
    rig.sink.lines().map((l) => l.msg),
    ['written and tailed'],
  )
  const records = rig.tails.flatMap((b) => b.records).map((r) => JSON.parse(r).msg)
  assert.deepEqual(records, ['for the tail', 'written and tailed'])
  assert.equal(rig.tails[0]?.tailId, 'r1')
})

test('tail - is rate-limited per second with the drops counted', async (t) => {
  const rig = logRig()
  t.after(rig.close)
  const log = rig.registry.get('')
  rig.apply([{ tail: { maxPerSec: 10 } }])
  for (let i = 0; i < 100; i++) log.info('burst')
  await sleep(250)
  const sent = rig.tails.reduce((n, b) => n + b.records.length, 0)
  const dropped = rig.tails.reduce((n, b) => n + b.dropped, 0)
  assert.ok(sent <= 20, `sent ${sent}`)
  assert.equal(sent + dropped, 100)
  assert.equal(rig.engine.tails.dropped, dropped)
})

test('tail - with where, only matching requests are streamed', async (t) => {
  const rig = logRig()
  t.after(rig.close)
  const log = rig.registry.get('')
  rig.apply([{ tail: { level: 'debug' }, selector: { where: { user: '42' } } }])
  rig.request({ user: '42' }, () => log.debug('42'))
  rig.request({ user: '7' }, () => log.debug('7'))
  await sleep(250)
  assert.deepEqual(
    rig.tails.flatMap((b) => b.records).map((r) => JSON.parse(r).msg),
    ['42'],
  )
})
