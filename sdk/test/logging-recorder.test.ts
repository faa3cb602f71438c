import assert from 'node:assert/strict'
import { test } from 'node:test'
import { logRig } from './helpers/log-rig.js'

test('recorder - keeps the most recent written records, bounded by count and bytes', (t) => {
  const rig = logRig({ recorder: { maxRecords: 10, maxBytes: 100_000 } })
  t.after(rig.close)
  const log = rig.registry.get('')
  for (let i = 0; i < 25; i++) log.info(`n${i}`)
  const dumped = rig.engine.dump({ last: 100 }).map((line) => JSON.parse(line).msg)
  assert.deepEqual(
    dumped,
    Array.from({ length: 10 }, (_, i) => `n${i + 15}`),
  )

  const small = logRig({ recorder: { maxRecords: 1_000, maxBytes: 1_000 } })
  t.after(small.close)
  for (let i = 0; i < 100; i++) small.registry.get('').info('x'.repeat(50))
  assert.ok(small.engine.recorder!.size.bytes <= 1_000)
  assert.ok(small.engine.recorder!.size.records < 100)
})

test("recorder - off, a disabled level stays pino's noop", (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  assert.equal(db.debug, db.trace)
  rig.apply([{ record: { level: 'debug' }, selector: { logger: 'db' } }])
  assert.notEqual(db.debug, db.trace, 'debug is recorded now')
})

test('recorder - records below the level are kept unwritten and serialised when dumped, redacted', (t) => {
  const rig = logRig({ pino: { redact: ['card'] } })
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([{ record: { level: 'debug' } }])
  const before = Date.now()
  db.debug({ card: '4111-1111', order: 7 }, 'charging')
  assert.equal(rig.sink.lines().length, 0, 'nothing written')
  const [line] = rig.engine.dump({ last: 10 })
  const record = JSON.parse(line as string)
  assert.equal(record.msg, 'charging')
  assert.equal(record.card, '[Redacted]')
  assert.equal(record.order, 7)
  assert.ok(record.time >= before && record.time <= Date.now())
})

test("recorder - an error in a request writes that request's earlier debug records beside it", (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([{ record: { level: 'debug' } }])
  rig.request({ user: '1' }, () => db.debug('other request'))
  rig.request({ user: '2' }, () => {
    db.debug('step 1')
    db.debug('step 2')
    db.error('payment failed')
  })
  const lines = rig.sink.lines()
  assert.deepEqual(
    lines.map((l) => [l.msg, l.recorded ?? false]),
    [
      ['step 1', true],
      ['step 2', true],
      ['payment failed', false],
    ],
  )
})

test('recorder - a dump filters by request attributes, logger and level', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  const http = rig.registry.get('http')
  rig.apply([{ record: { level: 'debug' } }])
  rig.request({ user: '42' }, () => {
    db.debug('db for 42')
    http.info('http for 42')
  })
  rig.request({ user: '7' }, () => db.debug('db for 7'))
  const msgs = (filter: Parameters<typeof rig.engine.dump>[0]) =>
    rig.engine.dump(filter).map((line) => JSON.parse(line).msg)
  assert.deepEqual(msgs({ last: 10, where: { user: '42' } }), ['db for 42', 'http for 42'])
  assert.deepEqual(msgs({ last: 10, logger: 'db' }), ['db for 42', 'db for 7'])
  assert.deepEqual(msgs({ last: 10, minLevelValue: 30 }), ['http for 42'])
  assert.deepEqual(msgs({ last: 1 }), ['db for 7'])
})
