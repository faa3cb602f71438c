import assert from 'node:assert/strict'
import { test } from 'node:test'
import { LiveView } from '../src/http/live-view.js'
import type { SseStream } from '../src/http/sse-stream.js'

/** An SSE stream whose buffer is full until `drain()`: `send` answers false, like a response past its high-water mark. */
function fullStream() {
  const sent: string[] = []
  let drains: Array<() => void> = []
  let full = false
  const stream = {
    closed: false,
    send(event: string) {
      sent.push(event)
      return !full
    },
    onDrain(listener: () => void) {
      drains.push(listener)
    },
    close() {},
  }
  return {
    stream: stream as unknown as SseStream,
    sent,
    fill: () => {
      full = true
    },
    drain() {
      full = false
      const now = drains
      drains = []
      for (const listener of now) listener()
    },
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

test('http live view - a snapshot bigger than the buffer is sent once; a fresh one follows only when a change was dropped', async () => {
  const s = fullStream()
  let snapshots = 0
  const view = new LiveView(s.stream, async () => ++snapshots)
  s.fill()
  await view.start()
  s.drain()
  await flush()
  assert.deepEqual(s.sent, ['snapshot'], 'the buffer drained and nothing was lost: no second snapshot')

  view.send('instances', {})
  assert.deepEqual(s.sent, ['snapshot', 'instances'])

  s.fill()
  view.send('instances', {})
  view.send('instances', {})
  view.send('rules', {})
  assert.deepEqual(s.sent, ['snapshot', 'instances', 'instances'], 'while full, changes are dropped, not queued')
  s.drain()
  await flush()
  assert.deepEqual(s.sent, ['snapshot', 'instances', 'instances', 'snapshot'], 'one fresh snapshot replaces them')
  assert.equal(snapshots, 2)
})

test('http live view - changes that come before the snapshot is out follow it, the newest of each kind', async () => {
  const s = fullStream()
  let release: () => void = () => {}
  const view = new LiveView(s.stream, () => new Promise((resolve) => (release = () => resolve('snap'))))
  const started = view.start()
  view.send('rules', { revision: 1 })
  view.send('rules', { revision: 2 })
  view.send('instances', {})
  assert.deepEqual(s.sent, [])
  release()
  await started
  assert.deepEqual(s.sent, ['snapshot', 'rules', 'instances'])
})
