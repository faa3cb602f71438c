import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { codecs, type DesiredStateInput } from '@prodbench/proto'
import { StateFollower } from '../src/control/state-follower.js'
import { type EffectiveConfig, type Level, resolve } from '../src/core/index.js'
import { RejectedStateError } from '../src/errors.js'
import { LogEngine } from '../src/logging/log-engine.js'
import { LoggerRegistry } from '../src/logging/logger-registry.js'
import { lineSink } from './helpers/line-sink.js'

const who = { service: 'checkout', instance: 'pod-1' }
const GARBAGE = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f])

const followers: StateFollower[] = []
after(() => {
  for (const follower of followers) follower.close()
})

/** A follower wired to a real registry, as the SDK wires them. */
function setup(levels: Record<string, Level> = {}) {
  const registry = new LoggerRegistry({
    pino: {},
    destination: lineSink().stream,
    level: 'info',
    levels: new Map(Object.entries(levels)),
    config: resolve(undefined, who, Date.now()),
    engine: new LogEngine({
      budget: { recordsPerSec: 0, bytesPerSec: 0 },
      recorder: undefined,
      recordLevel: undefined,
      publishTail: () => {},
      summarise: () => {},
    }),
  })
  const applied: EffectiveConfig[] = []
  const follower = new StateFollower(who, (config) => {
    applied.push(config)
    registry.apply(config)
  })
  followers.push(follower)
  return { registry, follower, applied }
}

function bytes(rules: Array<{ id: string; logger?: string; level: string; expiresAt?: number }>, service = 'checkout') {
  const state: DesiredStateInput = {
    service,
    updatedAt: Date.now(),
    rules: rules.map((r) => ({
      id: r.id,
      selector: r.logger ? { service, logger: r.logger } : { service },
      level: r.level,
      expiresAt: r.expiresAt ?? 0,
      createdAt: Date.now() - 1_000,
      author: 'ana@laptop',
      reason: 'test',
    })),
  }
  return codecs.desiredState.encode(state)
}

const debugDb = () => bytes([{ id: 'r1', logger: 'db', level: 'debug' }])

test('follower - a rule applies to loggers made before and after it', () => {
  const { registry, follower } = setup()
  const before = registry.get('db')
  assert.equal(before.level, 'info')
  const outcome = follower.offer(debugDb(), 1)
  assert.equal(outcome.kind, 'applied')
  assert.equal(before.level, 'debug')
  assert.equal(registry.get('db.pool').level, 'debug', 'made after')
  assert.equal(registry.get('http').level, 'info')
  assert.equal(follower.revision, 1)
  assert.equal(follower.synced, true)
  assert.equal(follower.config.revision, 1)
  const db = registry.levels().find((l) => l.logger === 'db')
  assert.equal(db?.source.kind === 'rule' && db.source.rule.id, 'r1')
})

test('follower - the same revision offered twice is unchanged', () => {
  const { follower, applied } = setup()
  assert.equal(follower.offer(debugDb(), 1).kind, 'applied')
  assert.equal(follower.offer(debugDb(), 1).kind, 'unchanged')
  assert.equal(applied.length, 1)
  assert.equal(follower.offer(debugDb(), 1, true).kind, 'applied', 'unless forced')
})

test('follower - before any offer it is not synced and runs the code defaults', () => {
  const { follower } = setup()
  assert.equal(follower.synced, false)
  assert.equal(follower.revision, 0)
  assert.deepEqual(follower.config.rules, [])
})

test('follower - garbage bytes are rejected, counted, and the last good config stays', () => {
  const { registry, follower } = setup()
  const db = registry.get('db')
  follower.offer(debugDb(), 1)
  const good = follower.config
  const outcome = follower.offer(GARBAGE, 2)
  assert.equal(outcome.kind, 'rejected')
  const error = outcome.kind === 'rejected' ? outcome.error : undefined
  assert.ok(error instanceof RejectedStateError)
  assert.equal(error.code, 'PB_SDK_REJECTED_STATE')
  assert.equal(error.revision, 2)
  assert.match(error.message, /^revision 2: not a valid DesiredState/)
  assert.equal(follower.rejections.count, 1)
  assert.equal(follower.rejections.lastRevision, 2)
  assert.match(follower.rejections.lastReason ?? '', /revision 2/)
  assert.equal(typeof follower.rejections.lastAt, 'number')
  assert.equal(db.level, 'debug', 'levels unchanged')
  assert.equal(follower.config, good)
  assert.equal(follower.revision, 2, 'the refused revision counts as seen')
})

test('follower - a schema-invalid state is rejected with the field path', () => {
  const { registry, follower } = setup()
  const db = registry.get('db')
  const outcome = follower.offer(bytes([{ id: 'r1', logger: 'db', level: 'loud' }]), 4)
  assert.equal(outcome.kind, 'rejected')
  const reason = outcome.kind === 'rejected' ? outcome.error.message : ''
  assert.match(reason, /^revision 4: rules\.0\.level: .*\(got "loud"\)/)
  assert.equal(db.level, 'info')
  assert.equal(follower.rejections.count, 1)
})

test('follower - a state for another service is rejected', () => {
  const { registry, follower } = setup()
  const outcome = follower.offer(bytes([{ id: 'r1', level: 'trace' }], 'payments'), 5)
  assert.equal(outcome.kind, 'rejected')
  const reason = outcome.kind === 'rejected' ? outcome.error.message : ''
  assert.match(reason, /revision 5: service: is "payments", expected "checkout"/)
  assert.equal(registry.get('db').level, 'info')
})

test('follower - rejections add up', () => {
  const { follower } = setup()
  follower.offer(GARBAGE, 1)
  follower.offer(GARBAGE, 2)
  assert.equal(follower.rejections.count, 2)
  assert.equal(follower.rejections.lastRevision, 2)
})

test('follower - a deleted key (null) goes back to the code defaults', () => {
  const { registry, follower } = setup({ 'db.pool': 'warn' })
  const pool = registry.get('db.pool')
  follower.offer(debugDb(), 1)
  assert.equal(pool.level, 'debug')
  const outcome = follower.offer(null, 2)
  assert.equal(outcome.kind, 'applied')
  assert.equal(pool.level, 'warn')
  assert.equal(registry.get('db').level, 'info')
  assert.deepEqual(follower.config.rules, [])
  assert.equal(follower.config.revision, 2)
  assert.deepEqual(registry.levels().find((l) => l.logger === 'db.pool')?.source, { kind: 'code' })
})

test('follower - an expiring rule reverts on its own timer and onExpiry hears it', async () => {
  const { registry, follower } = setup()
  const db = registry.get('db')
  const expired: EffectiveConfig[] = []
  follower.onExpiry = (config) => expired.push(config)
  follower.offer(bytes([{ id: 'r1', logger: 'db', level: 'debug', expiresAt: Date.now() + 80 }]), 1)
  assert.equal(db.level, 'debug')
  assert.ok(follower.config.nextExpiryAt)
  await sleep(200)
  assert.equal(db.level, 'info')
  assert.equal(expired.length, 1)
  assert.deepEqual(expired[0]?.rules, [])
  assert.equal(follower.config, expired[0])
})

test('follower - a rejected revision keeps the last good config expiring on time', async () => {
  const { registry, follower } = setup()
  const db = registry.get('db')
  follower.offer(bytes([{ id: 'r1', logger: 'db', level: 'debug', expiresAt: Date.now() + 80 }]), 1)
  follower.offer(GARBAGE, 2)
  assert.equal(db.level, 'debug')
  await sleep(200)
  assert.equal(db.level, 'info')
})

test('follower - after an expiry the config still names the revision it came from, not a refused one', async () => {
  const { follower } = setup()
  let announced: number | undefined
  follower.onExpiry = (config) => {
    announced = config.revision
  }
  follower.offer(bytes([{ id: 'r1', logger: 'db', level: 'debug', expiresAt: Date.now() + 80 }]), 1)
  follower.offer(GARBAGE, 2)
  assert.equal(follower.config.revision, 1)
  await sleep(200)
  // The SDK acks config.revision as applied (ok) on expiry: 2 would ack a refused revision.
  assert.equal(announced, 1)
  assert.equal(follower.config.revision, 1)
})

test('follower - empty selector strings mean every instance and logger, as rules.proto says', () => {
  const { registry, follower } = setup()
  const state: DesiredStateInput = {
    service: 'checkout',
    rules: [
      {
        id: 'r1',
        selector: { service: 'checkout', instance: '', logger: '' },
        level: 'trace',
        expiresAt: 0,
        createdAt: 1,
        author: '',
        reason: '',
      },
    ],
  }
  // protobufjs writes explicitly set empty strings, so a producer may send them.
  const outcome = follower.offer(codecs.desiredState.encode(state), 1)
  assert.equal(outcome.kind, 'applied', outcome.kind === 'rejected' ? outcome.error.message : '')
  assert.equal(registry.get('http').level, 'trace')
})

test('follower - close() stops the expiry timer and later offers', async () => {
  const { registry, follower } = setup()
  const db = registry.get('db')
  let expiries = 0
  follower.onExpiry = () => expiries++
  follower.offer(bytes([{ id: 'r1', logger: 'db', level: 'debug', expiresAt: Date.now() + 80 }]), 1)
  follower.close()
  follower.close()
  await sleep(200)
  assert.equal(expiries, 0)
  assert.equal(db.level, 'debug', 'no revert after close')
  assert.equal(follower.offer(null, 2).kind, 'unchanged')
  assert.equal(db.level, 'debug')
})
