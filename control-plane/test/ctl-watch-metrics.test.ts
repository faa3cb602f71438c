import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ScalarWindowMessage, WatchMetricsRequest } from '@prodbench/proto'
import type { WatchCommand } from '../src/ctl/args-metrics.js'
import type { MetricsStreamHandlers } from '../src/ctl/client.js'
import { metricsWatch } from '../src/ctl/commands/watch.js'
import type { Context, View } from '../src/ctl/context.js'
import { ServerRefusedError } from '../src/ctl/errors.js'
import { labelsText, scalarBlock } from '../src/ctl/format-scalars.js'
import { main } from '../src/ctl/main.js'
import { createStyle, stripAnsi } from '../src/ctl/style.js'
import { closedPort, memoryIo } from './fixtures/ctl-io.js'
import { clientUsing } from './fixtures/unused-client.js'

const T0 = 1_763_000_000_000
const watch: WatchCommand = { name: 'watch', service: 'checkout', metric: 'orders.*' }
const plain: View = { now: T0 + 10_000, style: createStyle(false) }

/** Window k (1 s) of three instances: two counter series with labels, a gauge in bytes, web-3 missing in window 1. */
function window(k: number): ScalarWindowMessage {
  return {
    captureId: 'r-1a2b3c',
    service: 'checkout',
    startMs: T0 + k * 1_000,
    endMs: T0 + (k + 1) * 1_000,
    instances: k === 1 ? ['web-1', 'web-2'] : ['web-1', 'web-2', 'web-3'],
    ...(k === 1 ? { missing: ['web-3'] } : {}),
    series: [
      {
        metric: 'orders.placed',
        kind: 'counter',
        labels: { status: '201', route: '/pay' },
        sum: 12,
        rate: 12,
        instances: [
          { instance: 'web-1', delta: 5, value: 500 },
          { instance: 'web-2', delta: 7, value: 700 },
        ],
      },
      { metric: 'orders.placed', kind: 'counter', labels: { route: '/pay', status: '500' }, rate: 0 },
      {
        metric: 'orders.queue.bytes',
        kind: 'gauge',
        unit: 'bytes',
        sum: 3 * 1_048_576,
        min: 512 * 1_024,
        max: 2 * 1_048_576,
        instances: [
          { instance: 'web-1', value: 1_048_576, min: 1_048_576, max: 1_048_576 },
          { instance: 'web-2', value: 1_572_864, min: 512 * 1_024, max: 2 * 1_048_576 },
          { instance: 'web-3', value: 524_288, min: 524_288, max: 524_288 },
        ],
      },
    ],
  }
}

/** A ControlPlaneApi whose WatchMetrics the test drives by hand; every other call fails the test. */
function harness(options: { tty?: boolean } = {}) {
  const out = { stdout: '', stderr: '' }
  const state: { request?: WatchMetricsRequest; handlers?: MetricsStreamHandlers; cancelled: number } = {
    cancelled: 0,
  }
  const client = clientUsing('watch', {
    watchMetrics(request, handlers) {
      state.request = request
      state.handlers = handlers
      return { cancel: () => void state.cancelled++ }
    },
  })
  let interrupt: (() => void) | undefined
  const context: Context = { client, now: () => T0 + 10_000, style: createStyle(false) }
  const io = {
    stdout: { write: (text: string) => (out.stdout += text), isTTY: options.tty, columns: 80 },
    stderr: { write: (text: string) => (out.stderr += text) },
    onInterrupt(handler: () => void) {
      interrupt = handler
      return () => {
        interrupt = undefined
      }
    },
  }
  const send = (...windows: ScalarWindowMessage[]) => {
    for (const w of windows) state.handlers?.window(w)
  }
  return { out, state, io, context, send, interrupt: () => interrupt?.(), interrupted: () => interrupt }
}

describe('ctl watch - formatting a ScalarWindow', () => {
  test('format - counters as rates with their delta, one line per label set, labels compact and sorted', () => {
    const lines = scalarBlock(window(0), plain, { pattern: 'orders.*' })
    assert.equal(lines[0], 'checkout orders.*  capture r-1a2b3c')
    assert.match(lines[1] ?? '', /\(1s\) {2}3\/3 instances$/)
    const text = lines.join('\n')
    assert.match(text, /\ncounters\n {2}orders\.placed \{route=\/pay,status=201\} +12\.0\/s {2}\(\+12 in 1s\)\n/)
    assert.match(text, /\n {2}orders\.placed \{route=\/pay,status=500\} +0\.0\/s {2}\(\+0 in 1s\)\n/)
    assert.equal(labelsText({ b: '2', a: '1' }), '{a=1,b=2}')
    assert.equal(labelsText(undefined), '')
  })

  test('format - gauges show the sum in human units, min..max across instances, and each instance when few', () => {
    const text = scalarBlock(window(0), plain).join('\n')
    // Beside the figures when the line has room, else on the next line.
    assert.match(
      text,
      /\ngauges\n {2}orders\.queue\.bytes +3MiB {2}512KiB\.\.2MiB\n {4}web-1=1MiB web-2=1\.5MiB web-3=512KiB$/,
    )
    const gaugesOnly = { ...window(0), series: window(0).series?.slice(2) }
    assert.match(scalarBlock(gaugesOnly, { ...plain, width: 120 }).join('\n'), /512KiB\.\.2MiB {2}web-1=1MiB web-2=/)
    const many = window(0)
    const gauge = many.series?.[2]
    if (gauge) gauge.instances = ['a', 'b', 'c', 'd', 'e'].map((instance) => ({ instance, value: 1 }))
    assert.doesNotMatch(scalarBlock(many, plain).join('\n'), /a=1/, 'five instances are not listed one by one')
  })

  test('format - a missing instance is named; every line fits 80 columns even with long names', () => {
    const lines = scalarBlock(window(1), { ...plain, width: 80 })
    assert.match(lines[1] ?? '', /2\/3 instances, missing: web-3$/)
    const long = window(0)
    const first = long.series?.[0]
    if (first) first.labels = { route: '/api/v2/orders/{id}/payments/confirm', status: '201', region: 'eu-west' }
    const cut = scalarBlock(long, { ...plain, width: 80 })
    for (const line of cut) assert.ok(line.length <= 80, `${line.length}: ${line}`)
    assert.ok(
      cut.some((line) => line.includes('…') && line.includes('12.0/s')),
      'a long name is cut, the rate kept',
    )
    const colored = scalarBlock(long, { now: plain.now, style: createStyle(true), width: 80 })
    for (const line of colored) assert.ok(stripAnsi(line).length <= 80)
  })

  test('format - an empty window says nothing matched', () => {
    const lines = scalarBlock({ ...window(0), series: [] }, plain, { pattern: 'orders.*' })
    assert.equal(lines.at(-1), 'no counter or gauge matching orders.* in this window')
  })
})

describe('ctl watch - the watch loop', () => {
  test('watch - piped text appends one block per window; the capture ending prints a line and exits 0', async () => {
    const h = harness()
    const running = metricsWatch(watch, h.context, h.io, false)
    assert.deepEqual(h.state.request, { service: 'checkout', metric: 'orders.*', backlog: 1 })
    h.send(window(0), window(1))
    h.state.handlers?.end()
    assert.equal(await running, 0)
    const blocks = h.out.stdout.split('\n\n').filter((block) => block.startsWith('checkout orders.*'))
    assert.equal(blocks.length, 2)
    assert.match(blocks[1] ?? '', /2\/3 instances, missing: web-3/)
    assert.equal(h.out.stdout.includes('\u001b['), false, 'no escape codes when piped')
    assert.match(h.out.stdout, /capture r-1a2b3c ended \(expired or stopped\) after 2 windows\n$/)
    assert.match(h.out.stderr, /^watching checkout orders\.\* \(Ctrl-C to stop\)\n$/)
    assert.equal(h.interrupted(), undefined, 'Ctrl-C is released when the watch ends')
  })

  test('watch - --json prints one JSON line per window and nothing else on stdout', async () => {
    const h = harness()
    const running = metricsWatch({ ...watch, captureId: 'r-1a2b3c' }, h.context, h.io, true)
    assert.equal(h.state.request?.captureId, 'r-1a2b3c')
    h.send(window(0), window(1))
    h.state.handlers?.end()
    assert.equal(await running, 0)
    const lines = h.out.stdout.trimEnd().split('\n')
    assert.equal(lines.length, 2)
    const parsed = lines.map((line) => JSON.parse(line))
    assert.deepEqual(
      parsed.map((w) => [w.endMs, w.series.length, w.series[0].rate, w.missing ?? []]),
      [
        [T0 + 1_000, 3, 12, []],
        [T0 + 2_000, 3, 12, ['web-3']],
      ],
    )
    assert.match(h.out.stderr, /ended \(expired or stopped\) after 2 windows\n$/)
  })

  test('watch - on a terminal each window redraws in place within the width; Ctrl-C cancels and exits 0', async () => {
    const h = harness({ tty: true })
    const running = metricsWatch(watch, h.context, h.io, false)
    h.send(window(0), window(1))
    h.interrupt()
    assert.equal(await running, 0)
    const frames = h.out.stdout.split('\u001b[H').slice(1)
    assert.equal(frames.length, 2)
    for (const frame of frames) {
      assert.ok(frame.includes('\u001b[J'), 'each frame clears what is left below it')
      const lines = stripAnsi(frame.replaceAll('\u001b[K', '').replaceAll('\u001b[J', '')).split('\n')
      for (const line of lines) assert.ok(line.length < 80, `${line.length}: ${line}`)
      assert.ok(lines.includes('Ctrl-C to stop'))
    }
    assert.match(h.out.stdout, /stopped after 2 windows\n$/)
    assert.ok(h.state.cancelled > 0, 'Ctrl-C cancels the stream')
  })

  test('watch - NOT_FOUND (no capture) rejects with the server message; the stream is released', async () => {
    const h = harness()
    const running = metricsWatch(watch, h.context, h.io, false)
    const hint =
      'no capture of checkout covers orders.*: start one with `ctl capture start svc=checkout metric=orders.*`'
    h.state.handlers?.error(new ServerRefusedError('NOT_FOUND', hint))
    await assert.rejects(running, (error: ServerRefusedError) => {
      assert.equal(error.exitCode, 1)
      assert.match(error.message, /start one with `ctl capture start.*\(NOT_FOUND\)$/)
      return true
    })
    assert.equal(h.interrupted(), undefined)
  })
})

describe('ctl watch - main', () => {
  test('main - watch against a closed port exits 3; --json keeps the error on one line', async () => {
    const port = await closedPort()
    const { io, captured } = memoryIo({ now: Date.now, onInterrupt: () => () => {} })
    const argv = ['--json', '--server', `127.0.0.1:${port}`, 'watch', 'svc=checkout', 'metric=orders.*']
    assert.equal(await main(argv, io), 3)
    assert.match(captured.err, /ctl: cannot reach the control plane at 127\.0\.0\.1:\d+/)
    const lines = captured.out.trimEnd().split('\n')
    assert.equal(lines.length, 1)
    assert.equal(JSON.parse(lines[0] ?? '').error.code, 'PB_CTL_UNREACHABLE')
  })
})
