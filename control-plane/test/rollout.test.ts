import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InstanceRegistry } from '../src/registry/index.js'
import { waitForRollout } from '../src/rollout/index.js'

function heartbeat(registry: InstanceRegistry, instance: string, revision: number, intervalMs = 10_000) {
  registry.heartbeat({ identity: { service: 'checkout', instance }, intervalMs, applied: { revision } }, Date.now())
}

function ack(registry: InstanceRegistry, instance: string, revision: number, error?: string) {
  registry.ack(
    { identity: { service: 'checkout', instance }, revision, ok: !error, ...(error ? { error } : {}) },
    Date.now(),
  )
}

test('rollout - with no live instance it is complete at once, 0 of 0', async () => {
  const rollout = await waitForRollout({
    registry: new InstanceRegistry(),
    service: 'checkout',
    revision: 5,
    waitMs: 5_000,
  })
  assert.deepEqual(
    { ...rollout, elapsedMs: 0 },
    {
      revision: 5,
      applied: [],
      pending: [],
      rejected: [],
      elapsedMs: 0,
      complete: true,
    },
  )
  assert.ok(rollout.elapsedMs < 100)
})

test('rollout - resolves when the last ack arrives, not at the wait limit', async () => {
  const registry = new InstanceRegistry()
  heartbeat(registry, 'a', 1)
  heartbeat(registry, 'b', 1)
  const waiting = waitForRollout({ registry, service: 'checkout', revision: 2, waitMs: 10_000 })
  setTimeout(() => ack(registry, 'a', 2), 20)
  setTimeout(() => ack(registry, 'b', 3), 40)
  const rollout = await waiting
  assert.deepEqual(rollout.applied, ['a', 'b'])
  assert.equal(rollout.complete, true)
  assert.ok(rollout.elapsedMs < 2_000, `took ${rollout.elapsedMs} ms`)
})

test('rollout - an ack that arrived before the wait began is not lost', async () => {
  const registry = new InstanceRegistry()
  heartbeat(registry, 'a', 1)
  ack(registry, 'a', 2)
  const rollout = await waitForRollout({ registry, service: 'checkout', revision: 2, waitMs: 10_000 })
  assert.deepEqual(rollout.applied, ['a'])
  assert.equal(rollout.complete, true)
})

test('rollout - a refusal ends the wait for that instance and is reported with its reason', async () => {
  const registry = new InstanceRegistry()
  heartbeat(registry, 'a', 1)
  heartbeat(registry, 'b', 1)
  const waiting = waitForRollout({ registry, service: 'checkout', revision: 2, waitMs: 10_000 })
  ack(registry, 'a', 2)
  ack(registry, 'b', 2, 'rule for unknown logger')
  const rollout = await waiting
  assert.deepEqual(rollout.applied, ['a'])
  assert.deepEqual(rollout.rejected, ['b: rule for unknown logger'])
  assert.deepEqual(rollout.pending, [])
})

test('rollout - at the wait limit the instances still behind are listed as pending', async () => {
  const registry = new InstanceRegistry()
  heartbeat(registry, 'a', 1)
  heartbeat(registry, 'slow', 1)
  ack(registry, 'a', 2)
  const rollout = await waitForRollout({ registry, service: 'checkout', revision: 2, waitMs: 80 })
  assert.deepEqual(rollout.applied, ['a'])
  assert.deepEqual(rollout.pending, ['slow'])
  assert.equal(rollout.complete, false)
  assert.ok(rollout.elapsedMs >= 70, `ended after ${rollout.elapsedMs} ms`)
})

test('rollout - a pending instance that goes silent stops counting when it is no longer live', async () => {
  const registry = new InstanceRegistry()
  heartbeat(registry, 'gone', 1, 30) // live for 90 ms
  const rollout = await waitForRollout({ registry, service: 'checkout', revision: 2, waitMs: 10_000 })
  assert.deepEqual(rollout.pending, [])
  assert.equal(rollout.complete, true)
  assert.ok(rollout.elapsedMs < 2_000, `took ${rollout.elapsedMs} ms`)
})

test('rollout - acks of other services do not end the wait', async () => {
  const registry = new InstanceRegistry()
  heartbeat(registry, 'a', 1)
  const waiting = waitForRollout({ registry, service: 'checkout', revision: 2, waitMs: 60 })
  registry.ack({ identity: { service: 'other', instance: 'a' }, revision: 2, ok: true }, Date.now())
  const rollout = await waiting
  assert.deepEqual(rollout.pending, ['a'])
})

test('rollout - an aborted wait answers at once with what is known', async () => {
  const registry = new InstanceRegistry()
  heartbeat(registry, 'a', 1)
  const aborter = new AbortController()
  const waiting = waitForRollout({ registry, service: 'checkout', revision: 2, waitMs: 10_000, signal: aborter.signal })
  setTimeout(() => aborter.abort(), 10)
  const rollout = await waiting
  assert.deepEqual(rollout.pending, ['a'])
  assert.ok(rollout.elapsedMs < 2_000)
})
