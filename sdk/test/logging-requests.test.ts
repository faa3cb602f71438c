import assert from 'node:assert/strict'
import { test } from 'node:test'
import { currentScope } from '../src/context/request-context.js'
import { logRig } from './helpers/log-rig.js'

test("where - debug for user=42 logs that user's requests only", (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([{ level: 'debug', selector: { where: { user: '42' } } }])
  rig.request({ user: '42' }, () => db.debug('for 42'))
  rig.request({ user: '7' }, () => db.debug('for 7'))
  db.debug('outside any request')
  assert.deepEqual(
    rig.sink.lines().map((l) => l.msg),
    ['for 42'],
  )
})

test('where - every attribute must match, route and method included', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const log = rig.registry.get('')
  rig.apply([{ level: 'debug', selector: { where: { tenant: 'acme', route: '/pay' } } }])
  rig.request({ tenant: 'acme' }, () => log.debug('acme on /pay'))
  rig.request({ tenant: 'other' }, () => log.debug('other on /pay'))
  assert.deepEqual(
    rig.sink.lines().map((l) => l.msg),
    ['acme on /pay'],
  )
})

test('where - a rule on one logger covers it and its children only', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  const pool = rig.registry.get('db.pool')
  const http = rig.registry.get('http')
  rig.apply([{ level: 'trace', selector: { logger: 'db', where: { user: '42' } } }])
  rig.request({ user: '42' }, () => {
    db.trace('db')
    pool.debug('pool')
    http.debug('http')
  })
  assert.deepEqual(
    rig.sink.lines().map((l) => l.msg),
    ['db', 'pool'],
  )
})

test('where - attributes set mid-request are decided again', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([{ level: 'debug', selector: { where: { user: '42' } } }])
  rig.request({}, () => {
    db.debug('before login')
    currentScope()?.set({ user: 42 })
    db.debug('after login')
  })
  assert.deepEqual(
    rig.sink.lines().map((l) => l.msg),
    ['after login'],
  )
})

test('where - children an app makes of a logger follow the request decision', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const child = rig.registry.get('db').child({ reqId: 'r-1' })
  rig.apply([{ level: 'debug', selector: { where: { user: '42' } } }])
  rig.request({ user: '42' }, () => child.debug('child of db'))
  rig.request({ user: '7' }, () => child.debug('not this one'))
  const lines = rig.sink.lines()
  assert.deepEqual(
    lines.map((l) => [l.msg, l.reqId, l.logger]),
    [['child of db', 'r-1', 'db']],
  )
})

test("where - without request rules a disabled level is pino's own noop again", (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  const noop = db.trace
  rig.apply([{ level: 'debug', selector: { where: { user: '42' } } }])
  assert.notEqual(db.debug, noop, 'a gate while the rule is in force')
  rig.apply([])
  assert.equal(db.debug, noop, 'the noop once it is gone')
  assert.equal(db.level, 'info')
})

test('where - a plain level rule still applies to every request', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const db = rig.registry.get('db')
  rig.apply([
    { level: 'debug', selector: { logger: 'db' } },
    { level: 'trace', selector: { where: { user: '42' } } },
  ])
  rig.request({ user: '7' }, () => {
    db.debug('debug for all')
    db.trace('trace for 42 only')
  })
  rig.request({ user: '42' }, () => db.trace('trace for 42'))
  assert.deepEqual(
    rig.sink.lines().map((l) => l.msg),
    ['debug for all', 'trace for 42'],
  )
})

test('where - a route set by the app mid-request is matched at once', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const log = rig.registry.get('')
  rig.apply([{ level: 'debug', selector: { where: { route: '/users/:id' } } }])
  rig.request({}, () => {
    log.debug('before the router matched')
    currentScope()?.set({ route: '/users/:id' })
    log.debug('after')
  })
  assert.deepEqual(
    rig.sink.lines().map((l) => l.msg),
    ['after'],
  )
  assert.equal(
    rig.request({}, () => currentScope()?.context.attributes.route),
    undefined,
  )
})
