import assert from 'node:assert/strict'
import { test } from 'node:test'
import { logRig } from './helpers/log-rig.js'

test('plans - a config that leaves a logger as it was does not touch it', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const http = rig.registry.get('http')
  rig.registry.get('db')
  const methods = http as unknown as Record<string, unknown>
  const info = methods.info
  let levelChanges = 0
  http.on('level-change', () => levelChanges++)
  rig.apply([{ level: 'debug', selector: { logger: 'db' } }])
  rig.apply([{ level: 'trace', selector: { logger: 'db' } }])
  assert.equal(levelChanges, 0, 'http was re-levelled by rules on db')
  assert.equal(methods.info, info)
  assert.equal(rig.registry.get('db').level, 'trace')
})

test('plans - a level the app set itself is put back by the next config', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const http = rig.registry.get('http')
  rig.apply([{ level: 'warn', selector: { logger: 'http' } }])
  http.level = 'trace'
  rig.apply([
    { level: 'warn', selector: { logger: 'http' } },
    { level: 'debug', selector: { logger: 'db' } },
  ])
  assert.equal(http.level, 'warn')
  http.info('hidden')
  assert.deepEqual(rig.sink.lines(), [])
})

test('plans - gates replaced by the app are made again, unchanged plan or not', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  const where = { level: 'debug', selector: { logger: 'db', where: { user: '42' } } }
  rig.apply([where])
  // pino rebinds every method when the level is set, gates included.
  db.level = 'info'
  rig.apply([where, { level: 'warn', selector: { logger: 'http' } }])
  rig.request({ user: '42' }, () => db.debug('for 42'))
  rig.request({ user: '7' }, () => db.debug('for 7'))
  assert.deepEqual(
    rig.sink.lines().map((l) => l.msg),
    ['for 42'],
  )
})

test('plans - a new record rule makes new gates even when the levels stay', (t) => {
  const rig = logRig({ recorder: { maxRecorded: 10 } })
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([{ record: { level: 'debug' }, selector: { logger: 'db' } }])
  db.debug('kept for db rule 1')
  rig.apply([{ record: { level: 'debug' }, selector: { logger: 'db', where: { user: '42' } } }])
  rig.request({ user: '7' }, () => db.debug('not kept: user 7'))
  rig.request({ user: '42' }, () => db.debug('kept for 42'))
  const kept = rig.engine.recorder?.dump({ last: 100 }, (raw) => JSON.stringify(raw.args)) ?? []
  assert.equal(kept.filter((line) => line.includes('user 7')).length, 0)
  assert.equal(kept.filter((line) => line.includes('kept for 42')).length, 1)
})
