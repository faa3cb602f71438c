import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TailEventInput } from '@prodbench/proto'
import { TailQueue } from '../src/tails/index.js'

const batch = (instance: string, ...records: string[]): TailEventInput => ({ tailId: 't', instance, records })

async function drain(queue: TailQueue): Promise<TailEventInput[]> {
  const out: TailEventInput[] = []
  for (;;) {
    const { value, done } = await queue.next()
    if (done) return out
    out.push(value)
  }
}

test('tail queue - over its byte bound it drops the oldest batches and tells the next event of that instance', async () => {
  const queue = new TailQueue({ maxBytes: 10, maxEvents: 100 })
  queue.push(batch('a', 'aaaa'))
  queue.push(batch('b', 'bbbb'))
  queue.push(batch('a', 'cccc')) // 12 bytes: the oldest (a: 1 record) goes
  assert.deepEqual(queue.counters(), { dropped: 1, peakBytes: 8, queuedBytes: 8 })
  queue.end({ tailId: 't', ended: 'ttl' })
  const events = await drain(queue)
  assert.deepEqual(
    events.map((e) => [e.instance, e.records, e.dropped ?? 0, e.ended]),
    [
      ['b', ['bbbb'], 0, undefined],
      ['a', ['cccc'], 1, undefined],
      [undefined, undefined, 0, 'ttl'],
    ],
  )
})

test('tail queue - drops untold at the end get an event of their own before the last one', async () => {
  const queue = new TailQueue({ maxBytes: 1_000, maxEvents: 1 })
  queue.push(batch('a', 'x'))
  queue.push(batch('b', 'y')) // one event at most: a's batch goes
  queue.end({ tailId: 't', ended: 'removed' })
  const events = await drain(queue)
  assert.deepEqual(
    events.map((e) => [e.instance, e.records?.length ?? 0, e.dropped ?? 0, e.ended]),
    [
      ['b', 1, 0, undefined],
      ['a', 0, 1, undefined],
      [undefined, 0, 0, 'removed'],
    ],
  )
})

test('tail queue - a batch larger than the bound alone is dropped and counted, never queued', () => {
  const queue = new TailQueue({ maxBytes: 4, maxEvents: 10 })
  queue.push(batch('a', 'too long'))
  assert.deepEqual(queue.counters(), { dropped: 1, peakBytes: 0, queuedBytes: 0 })
})

test('tail queue - a waiting reader gets the next push at once; discard ends it without a last event', async () => {
  const queue = new TailQueue({ maxBytes: 100, maxEvents: 10 })
  const first = queue.next()
  queue.push(batch('a', 'x'))
  assert.deepEqual((await first).value?.records, ['x'])
  const second = queue.next()
  queue.discard()
  assert.equal((await second).done, true)
  queue.push(batch('a', 'y'))
  assert.equal((await queue.next()).done, true, 'nothing is queued after the end')
})

test('tail queue - fail rejects the waiting reader with the error', async () => {
  const queue = new TailQueue({ maxBytes: 100, maxEvents: 10 })
  const pending = queue.next()
  queue.fail(new Error('closing'))
  await assert.rejects(pending, /closing/)
  await assert.rejects(queue.next(), /closing/)
})
