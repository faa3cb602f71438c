import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { HeartbeatMessage } from '@prodbench/proto'
import { InstanceRegistry } from '../src/registry/index.js'

const T0 = 1_764_000_000_000

function hb(instance: string, extra: Partial<HeartbeatMessage> = {}): HeartbeatMessage {
  return { identity: { service: 'checkout', instance }, intervalMs: 1_000, applied: { revision: 3 }, ...extra }
}

test('registry - an instance is live until three heartbeat intervals pass without news', () => {
  const registry = new InstanceRegistry()
  assert.equal(registry.heartbeat(hb('a'), T0), undefined)
  assert.deepEqual(
    registry.live('checkout', T0 + 2_999).map((r) => r.instance),
    ['a'],
  )
  assert.deepEqual(registry.live('checkout', T0 + 3_000), [])
  assert.equal(registry.services(T0 + 3_000).size, 0)
})

test('registry - a leaving heartbeat removes the instance at once', () => {
  const registry = new InstanceRegistry()
  registry.heartbeat(hb('a'), T0)
  registry.heartbeat(hb('b'), T0)
  registry.heartbeat(hb('a', { leaving: true }), T0 + 10)
  assert.deepEqual(
    registry.live('checkout', T0 + 10).map((r) => r.instance),
    ['b'],
  )
})

test('registry - an ack from an unknown instance registers it with its applied revision', () => {
  const registry = new InstanceRegistry()
  registry.ack({ identity: { service: 'checkout', instance: 'a' }, revision: 7, ok: true }, T0)
  const [record] = registry.live('checkout', T0 + 1)
  assert.equal(record?.appliedRevision, 7)
  assert.equal(record?.intervalMs, 5_000)
})

test('registry - an ack keeps the interval learned from heartbeats and refreshes liveness', () => {
  const registry = new InstanceRegistry()
  registry.heartbeat(hb('a'), T0)
  registry.ack({ identity: { service: 'checkout', instance: 'a' }, revision: 9, ok: true }, T0 + 2_500)
  const [record] = registry.live('checkout', T0 + 5_000)
  assert.equal(record?.intervalMs, 1_000)
  assert.equal(record?.appliedRevision, 9)
})

test('registry - an ack without log figures keeps the last ones, one with them replaces them', () => {
  const registry = new InstanceRegistry()
  const logs = { budgetRecordsPerSec: 100, rules: [{ ruleId: 'r1', kind: 'sample' }] }
  registry.heartbeat(hb('a', { applied: { revision: 3, logs } }), T0)
  registry.ack(
    { identity: { service: 'checkout', instance: 'a' }, revision: 4, ok: true, applied: { revision: 4 } },
    T0 + 1,
  )
  assert.deepEqual(registry.get('checkout', 'a')?.applied, { revision: 4, levels: [], logs })
  const newer = { budgetRecordsPerSec: 100, rules: [] }
  registry.ack(
    {
      identity: { service: 'checkout', instance: 'a' },
      revision: 5,
      ok: true,
      applied: { revision: 5, levels: [], logs: newer },
    },
    T0 + 2,
  )
  assert.deepEqual(registry.get('checkout', 'a')?.applied, { revision: 5, levels: [], logs: newer })
})

test("registry - an ack's levels are merged by logger into the last ones", () => {
  const registry = new InstanceRegistry()
  const levels = [
    { logger: '', level: 'info' },
    { logger: 'db', level: 'info' },
    { logger: 'http', level: 'warn' },
  ]
  registry.heartbeat(hb('a', { applied: { revision: 3, levels } }), T0)
  registry.ack(
    {
      identity: { service: 'checkout', instance: 'a' },
      revision: 4,
      ok: true,
      applied: { revision: 4, levels: [{ logger: 'db', level: 'debug', source: { ruleId: 'r1' } }] },
    },
    T0 + 1,
  )
  assert.deepEqual(registry.get('checkout', 'a')?.applied?.levels, [
    { logger: '', level: 'info' },
    { logger: 'db', level: 'debug', source: { ruleId: 'r1' } },
    { logger: 'http', level: 'warn' },
  ])
  assert.equal(registry.get('checkout', 'a')?.appliedRevision, 4)

  // A logger made since: it takes its place by name.
  const ack = (revision: number, changed: Array<{ logger: string; level: string }>) =>
    registry.ack(
      { identity: { service: 'checkout', instance: 'a' }, revision, ok: true, applied: { revision, levels: changed } },
      T0 + revision,
    )
  ack(5, [{ logger: 'cache', level: 'info' }])
  assert.deepEqual(
    registry.get('checkout', 'a')?.applied?.levels?.map((l) => l.logger),
    ['', 'cache', 'db', 'http'],
  )
  // A service-wide change lists every logger (more than a few: merged through an index).
  const many = ['', 'cache', 'db', 'http', ...Array.from({ length: 10 }, (_, i) => `q${i}`)]
  ack(
    6,
    many.map((logger) => ({ logger, level: 'debug' })),
  )
  const merged = registry.get('checkout', 'a')?.applied?.levels ?? []
  assert.deepEqual(
    merged.map((l) => l.logger),
    [...many].sort(),
  )
  assert.ok(merged.every((l) => l.level === 'debug'))
})

test('registry - a refusing ack records the revision and reason, not an applied revision', () => {
  const registry = new InstanceRegistry()
  registry.heartbeat(hb('a'), T0)
  registry.ack({ identity: { service: 'checkout', instance: 'a' }, revision: 8, ok: false, error: 'bad rule' }, T0 + 1)
  const [record] = registry.live('checkout', T0 + 1)
  assert.equal(record?.appliedRevision, 3)
  assert.deepEqual(record?.refusal, { revision: 8, reason: 'bad rule' })
})

test('registry - a heartbeat reporting a rejection records it as a refusal', () => {
  const registry = new InstanceRegistry()
  registry.heartbeat(
    hb('a', { applied: { revision: 3, rejected: { count: 1, lastRevision: 4, lastReason: 'x' } } }),
    T0,
  )
  assert.deepEqual(registry.live('checkout', T0)[0]?.refusal, { revision: 4, reason: 'x' })
})

test('registry - messages with bad names or a subject that does not match are refused and counted', () => {
  const registry = new InstanceRegistry()
  assert.match(registry.heartbeat(hb('bad.name'), T0) ?? '', /instance "bad.name" may only contain/)
  assert.match(registry.heartbeat(hb('a'), T0, { service: 'checkout', instance: 'b' }) ?? '', /does not match/)
  assert.match(registry.ack({ revision: 1, ok: true }, T0) ?? '', /no identity/)
  registry.reject('garbage bytes')
  assert.deepEqual(registry.live(undefined, T0), [])
  assert.equal(registry.stats().rejected, 4)
  assert.equal(registry.stats().lastRejection, 'garbage bytes')
})

test('registry - listeners hear the service of every accepted change, and stop when asked', () => {
  const registry = new InstanceRegistry()
  const heard: string[] = []
  const stop = registry.onChange((service) => heard.push(service))
  registry.heartbeat(hb('a'), T0)
  registry.heartbeat(hb('bad name'), T0)
  stop()
  registry.heartbeat(hb('b'), T0)
  assert.deepEqual(heard, ['checkout'])
})

test('registry - prune forgets dead instances and next expiry is the earliest deadline', () => {
  const registry = new InstanceRegistry()
  registry.heartbeat(hb('a'), T0)
  registry.heartbeat(hb('b', { intervalMs: 10_000 }), T0)
  assert.equal(registry.nextExpiry(registry.live('checkout', T0)), T0 + 3_000)
  assert.equal(registry.prune(T0 + 5_000), 1)
  assert.equal(registry.stats().instances, 1)
})

test('registry - a heartbeat with only the changed metrics is merged by name; a full one replaces the list', () => {
  const registry = new InstanceRegistry()
  const metric = (name: string, value: number) => ({ name, kind: 'counter', unit: '1', value, series: 1 })
  registry.heartbeat(hb('a', { metrics: [metric('a.one', 1), metric('b.two', 2), metric('c.three', 3)] }), T0)
  registry.heartbeat(hb('a', { metricsChangedOnly: true, metrics: [metric('b.two', 20), metric('aa.new', 9)] }), T0 + 1)
  assert.deepEqual(
    registry.get('checkout', 'a')?.metrics.map((m) => [m.name, m.value]),
    [
      ['a.one', 1],
      ['aa.new', 9],
      ['b.two', 20],
      ['c.three', 3],
    ],
  )
  registry.heartbeat(hb('a', { metricsChangedOnly: true }), T0 + 2)
  assert.equal(registry.get('checkout', 'a')?.metrics.length, 4, 'nothing changed: the list stays')
  registry.heartbeat(hb('a', { metrics: [metric('a.one', 5)] }), T0 + 3)
  assert.deepEqual(
    registry.get('checkout', 'a')?.metrics.map((m) => [m.name, m.value]),
    [['a.one', 5]],
  )
})
