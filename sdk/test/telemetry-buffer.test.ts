import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TelemetryBuffer } from '../src/control/telemetry-buffer.js'

/** Drains everything `buffer` holds into an array, oldest first. */
function drainAll<T>(buffer: TelemetryBuffer<T>): T[] {
  const out: T[] = []
  buffer.drain((item) => {
    out.push(item)
    return true
  })
  return out
}

test('telemetry-buffer - keeps up to capacity items in order', () => {
  const buffer = new TelemetryBuffer<number>(3)
  for (const n of [1, 2, 3]) buffer.push(n)
  assert.equal(buffer.size, 3)
  assert.equal(buffer.dropped, 0)
  assert.deepEqual(drainAll(buffer), [1, 2, 3])
  assert.equal(buffer.size, 0)
})

test('telemetry-buffer - when full the oldest are dropped and counted', () => {
  const buffer = new TelemetryBuffer<number>(3)
  for (let n = 1; n <= 7; n++) buffer.push(n)
  assert.equal(buffer.size, 3, 'never more than capacity')
  assert.equal(buffer.dropped, 4)
  assert.deepEqual(drainAll(buffer), [5, 6, 7], 'the newest are kept')
  buffer.push(8)
  assert.equal(buffer.dropped, 4, 'a drained buffer has room again')
  assert.deepEqual(drainAll(buffer), [8])
})

test('telemetry-buffer - a capacity of 0 keeps nothing and counts every item as dropped', () => {
  const buffer = new TelemetryBuffer<string>(0)
  buffer.push('a')
  buffer.push('b')
  assert.equal(buffer.size, 0)
  assert.equal(buffer.dropped, 2)
  assert.deepEqual(drainAll(buffer), [])
})

test('telemetry-buffer - drain stops when send returns false and keeps the rest in order', () => {
  const buffer = new TelemetryBuffer<number>(10)
  for (let n = 1; n <= 5; n++) buffer.push(n)
  const sent: number[] = []
  const offered: number[] = []
  buffer.drain((item) => {
    offered.push(item)
    if (item === 3) return false // the connection dropped while sending 3
    sent.push(item)
    return true
  })
  assert.deepEqual(sent, [1, 2])
  assert.deepEqual(offered, [1, 2, 3], 'nothing is offered after a failed send')
  assert.equal(buffer.size, 3, 'the failed item stays')
  buffer.push(6)
  assert.deepEqual(drainAll(buffer), [3, 4, 5, 6], 'the next drain resumes with the failed item, in order')
  assert.equal(buffer.dropped, 0, 'a failed send is not a drop')
})

test('telemetry-buffer - drain on an empty buffer never calls send', () => {
  const buffer = new TelemetryBuffer<number>(2)
  let calls = 0
  buffer.drain(() => {
    calls++
    return true
  })
  assert.equal(calls, 0)
})
