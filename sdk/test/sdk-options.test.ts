import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { instanceIdProblem } from '../src/core/index.js'
import { InvalidOptionsError, init, ProdbenchSdkError, SDK_VERSION, type SdkOptions } from '../src/index.js'
import { parseOptions } from '../src/options.js'
import { lineSink } from './helpers/line-sink.js'

/** Asserts `init(options)` throws InvalidOptionsError for `field`, naming it in the message. */
function rejects(options: unknown, field: string, detail?: RegExp): void {
  assert.throws(
    () => init(options as SdkOptions),
    (err: unknown) => {
      assert.ok(err instanceof InvalidOptionsError, `expected InvalidOptionsError, got ${String(err)}`)
      assert.ok(err instanceof ProdbenchSdkError)
      assert.equal(err.name, 'InvalidOptionsError')
      assert.equal(err.code, 'PB_SDK_OPTIONS')
      assert.equal(err.field, field)
      assert.ok(err.message.includes(`${field}:`), `message names the field: ${err.message}`)
      if (detail) assert.match(err.message, detail)
      return true
    },
  )
}

test('options - a missing service is refused', () => {
  rejects({}, 'service', /expected string/)
  rejects({ service: '' }, 'service', /must not be empty/)
})

test('options - a service that is not one NATS token is refused, with the bad value', () => {
  rejects({ service: 'check.out' }, 'service', /\(got "check\.out"\)/)
  rejects({ service: 'check out' }, 'service')
  rejects({ service: 'x'.repeat(65) }, 'service', /at most 64/)
})

test('options - an unknown level is refused, listing the levels', () => {
  rejects({ service: 'checkout', level: 'loud' }, 'level', /"debug".*\(got "loud"\)/)
})

test('options - a bad entry in levels names the logger', () => {
  rejects({ service: 'checkout', levels: { db: 'loud' } }, 'levels.db', /\(got "loud"\)/)
  rejects({ service: 'checkout', levels: { 'bad name': 'debug' } }, 'levels.bad name')
})

test('options - a destination without write() is refused', () => {
  rejects({ service: 'checkout', destination: {} }, 'destination', /writable stream/)
  rejects({ service: 'checkout', destination: 'stdout' }, 'destination')
})

test('options - timing options are range-checked', () => {
  rejects({ service: 'checkout', heartbeatIntervalMs: 0 }, 'heartbeatIntervalMs', /\(got 0\)/)
  rejects({ service: 'checkout', heartbeatIntervalMs: 1.5 }, 'heartbeatIntervalMs')
  rejects({ service: 'checkout', startupTimeoutMs: -1 }, 'startupTimeoutMs')
  rejects({ service: 'checkout', resyncIntervalMs: 10 }, 'resyncIntervalMs')
})

test('options - a bad instance id or nats value is refused', () => {
  rejects({ service: 'checkout', instance: 'pod.1' }, 'instance')
  rejects({ service: 'checkout', nats: 5 }, 'nats')
  rejects({ service: 'checkout', nats: [] }, 'nats')
})

test('options - nats "" (an empty env variable) means local mode', async () => {
  const pb = init({ service: 'checkout', nats: '', destination: lineSink().stream })
  try {
    assert.equal(pb.status().connection, 'local')
    assert.equal(parseOptions({ service: 'checkout', nats: '' }).nats, undefined)
  } finally {
    await pb.close()
  }
})

test('options - a nats URL or list becomes connection servers', () => {
  assert.deepEqual(parseOptions({ service: 'a', nats: 'nats://127.0.0.1:4222' }).nats, {
    servers: 'nats://127.0.0.1:4222',
  })
  assert.deepEqual(parseOptions({ service: 'a', nats: ['nats://a:1', 'nats://b:2'] }).nats, {
    servers: ['nats://a:1', 'nats://b:2'],
  })
  assert.deepEqual(parseOptions({ service: 'a', nats: { servers: 'x:1', name: 'n' } }).nats, {
    servers: 'x:1',
    name: 'n',
  })
})

test('options - defaults are filled and the result is frozen', () => {
  const o = parseOptions({ service: 'checkout' })
  assert.equal(o.level, 'info')
  assert.equal(o.levels.size, 0)
  assert.equal(o.nats, undefined)
  assert.equal(o.destination, undefined)
  assert.equal(o.heartbeatIntervalMs, 5_000)
  assert.equal(o.startupTimeoutMs, 2_000)
  assert.equal(o.reconnectTimeWaitMs, 1_000)
  assert.equal(o.resyncIntervalMs, 30_000)
  assert.ok(Object.isFrozen(o))
  assert.deepEqual([...parseOptions({ service: 'a', levels: { 'db.pool': 'warn' } }).levels], [['db.pool', 'warn']])
})

test('options - the default instance id is a valid token, different for each init', async () => {
  const a = init({ service: 'checkout', destination: lineSink().stream })
  const b = init({ service: 'checkout', destination: lineSink().stream })
  try {
    assert.equal(instanceIdProblem(a.instance), undefined, a.instance)
    assert.equal(instanceIdProblem(b.instance), undefined, b.instance)
    assert.ok(a.instance.includes(String(process.pid)), 'the pid helps find the process')
    assert.notEqual(a.instance, b.instance)
  } finally {
    await Promise.all([a.close(), b.close()])
  }
})

test('options - an explicit instance id is kept', async () => {
  const pb = init({ service: 'checkout', instance: 'pod-7', destination: lineSink().stream })
  assert.equal(pb.instance, 'pod-7')
  assert.equal(pb.service, 'checkout')
  assert.equal(pb.identity.sdkVersion, SDK_VERSION)
  await pb.close()
})

test('version - SDK_VERSION equals sdk/package.json version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  assert.equal(SDK_VERSION, pkg.version)
})
