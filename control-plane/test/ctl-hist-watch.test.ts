import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { HistogramWindowMessage, WatchHistogramRequest } from '@prodbench/proto'
import { HistogramLogReader } from 'hdr-histogram-js'
import type { HistWatchCommand } from '../src/ctl/args-hist.js'
import type { HistogramStreamHandlers } from '../src/ctl/client.js'
import { histWatch } from '../src/ctl/commands/hist-watch.js'
import type { Context } from '../src/ctl/context.js'
import { ServerRefusedError } from '../src/ctl/errors.js'
import { main } from '../src/ctl/main.js'
import { createStyle, stripAnsi } from '../src/ctl/style.js'
import { WindowAssembler } from '../src/ctl/window-groups.js'
import { fleetWindow, latencies } from './fixtures/ctl-hist-windows.js'
import { closedPort, memoryIo } from './fixtures/ctl-io.js'
import { clientUsing } from './fixtures/unused-client.js'

const T0 = 1_763_000_000_000
const watch: HistWatchCommand = {
  name: 'hist watch',
  service: 'checkout',
  metric: 'http.server.duration',
  perInstance: false,
}

/** Window k of a three-instance fleet (web-3 missing in window 1). */
function window(k: number) {
  const values = { 'web-1': latencies(200, 8_000, k + 1), 'web-2': latencies(100, 30_000, k + 7) }
  return fleetWindow(values, { startMs: T0 + k * 1_000, endMs: T0 + (k + 1) * 1_000 }, k === 1 ? ['web-3'] : [])
}

/**
 * A ControlPlaneApi whose WatchHistogram the test drives by hand: no gRPC
 * server, no network. Every other call fails the test.
 */
function scriptedClient() {
  const state: { request?: WatchHistogramRequest; handlers?: HistogramStreamHandlers; cancelled: number } = {
    cancelled: 0,
  }
  const client = clientUsing('hist watch', {
    watchHistogram(request, handlers) {
      state.request = request
      state.handlers = handlers
      return { cancel: () => void state.cancelled++ }
    },
  })
  const send = (...messages: HistogramWindowMessage[]) => {
    for (const message of messages) state.handlers?.window(message)
  }
  return { client, state, send }
}

function harness(options: { tty?: boolean } = {}) {
  const out = { stdout: '', stderr: '' }
  const scripted = scriptedClient()
  let interrupt: (() => void) | undefined
  const context: Context = { client: scripted.client, now: () => T0 + 10_000, style: createStyle(false) }
  const io = {
    stdout: { write: (text: string) => (out.stdout += text), isTTY: options.tty, columns: 100 },
    stderr: { write: (text: string) => (out.stderr += text) },
    onInterrupt(handler: () => void) {
      interrupt = handler
      return () => {
        interrupt = undefined
      }
    },
  }
  const ready = async () => {
    for (let i = 0; i < 50 && !scripted.state.handlers; i++) await new Promise((r) => setTimeout(r, 5))
    assert.ok(scripted.state.handlers, 'the watch opened its stream')
  }
  return { ...scripted, out, io, context, ready, interrupt: () => interrupt?.(), interrupted: () => interrupt }
}

describe('ctl hist watch - window assembly', () => {
  test('assembly - merged alone completes a window when instances were not asked for', () => {
    const assembler = new WindowAssembler(false)
    const groups = assembler.push(window(0).merged)
    assert.deepEqual(
      groups.map((g) => [g.endMs, g.instances.length]),
      [[T0 + 1_000, 0]],
    )
  })

  test('assembly - with instances, a window waits for every listed instance, in either order', () => {
    const assembler = new WindowAssembler(true)
    const { merged, instances } = window(0)
    assert.deepEqual(assembler.push(instances[1] as HistogramWindowMessage), [])
    assert.deepEqual(assembler.push(merged), [])
    const [group] = assembler.push(instances[0] as HistogramWindowMessage)
    assert.deepEqual(
      group?.instances.map((w) => w.instance),
      ['web-1', 'web-2'],
    )
    assert.equal(group?.merged, merged)
  })

  test('assembly - a later window closes an unfinished one; late messages are dropped and counted', () => {
    const assembler = new WindowAssembler(true)
    const first = window(0)
    const second = window(1)
    assembler.push(first.merged)
    const closed = assembler.push(second.instances[0] as HistogramWindowMessage)
    assert.deepEqual(
      closed.map((g) => [g.endMs, g.instances.length]),
      [[T0 + 1_000, 0]],
    )
    assert.deepEqual(assembler.push(first.instances[0] as HistogramWindowMessage), [])
    assert.equal(assembler.late, 1)
    assert.deepEqual(
      assembler.flush().map((g) => [g.endMs, g.merged === undefined, g.instances.length]),
      [[T0 + 2_000, true, 1]],
    )
  })
})

describe('ctl hist watch - the watch loop', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ctl-watch-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('watch - piped text appends one block per window; the capture ending prints a line and exits 0', async () => {
    const h = harness()
    const running = histWatch(watch, h.context, h.io, false)
    await h.ready()
    assert.deepEqual(h.state.request, {
      service: 'checkout',
      metric: 'http.server.duration',
      perInstance: false,
      backlog: 1,
    })
    h.send(window(0).merged, window(1).merged)
    h.state.handlers?.end()
    assert.equal(await running, 0)
    const blocks = h.out.stdout.split('\n\n').filter((block) => block.startsWith('checkout'))
    assert.equal(blocks.length, 2)
    assert.match(blocks[1] ?? '', /\(1s\) {2}2\/3 instances, missing: web-3\ncount 300 {2}rate 300\/s/)
    assert.equal(h.out.stdout.includes('\u001b['), false, 'no escape codes when piped')
    assert.match(h.out.stdout, /capture r-1a2b3c ended \(expired or stopped\) after 2 windows\n$/)
    assert.equal(h.interrupted(), undefined, 'Ctrl-C is released when the watch ends')
  })

  test('watch - --json prints one JSON object per window message per line and nothing else on stdout', async () => {
    const h = harness()
    const running = histWatch({ ...watch, perInstance: true }, h.context, h.io, true)
    await h.ready()
    const { merged, instances } = window(0)
    h.send(...instances, merged)
    h.state.handlers?.end()
    assert.equal(await running, 0)
    const lines = h.out.stdout.trimEnd().split('\n')
    assert.equal(lines.length, 3)
    const parsed = lines.map((line) => JSON.parse(line))
    assert.deepEqual(
      parsed.map((w) => [w.instance ?? 'merged', w.count, typeof w.hdr]),
      [
        ['merged', 300, 'string'],
        ['web-1', 200, 'string'],
        ['web-2', 100, 'string'],
      ],
    )
    assert.match(h.out.stderr, /ended \(expired or stopped\) after 1 window\n$/)
  })

  test('watch - on a terminal each window redraws in place; --per-instance adds the instance lines', async () => {
    const h = harness({ tty: true })
    const running = histWatch({ ...watch, perInstance: true }, h.context, h.io, false)
    await h.ready()
    for (const k of [0, 1]) {
      const { merged, instances } = window(k)
      h.send(merged, ...instances)
    }
    h.interrupt()
    assert.equal(await running, 0)
    const frames = h.out.stdout.split('\u001b[H').slice(1)
    assert.equal(frames.length, 2)
    for (const frame of frames) {
      assert.ok(frame.includes('\u001b[J'), 'each frame clears what is left below it')
      const lines = stripAnsi(frame.replaceAll('\u001b[K', '').replaceAll('\u001b[J', '')).split('\n')
      for (const line of lines) assert.ok(line.length < 100, `${line.length}: ${line}`)
      assert.ok(lines.some((line) => /^web-2 +100 +100\/s/.test(line)))
    }
    assert.match(h.out.stdout, /stopped after 2 windows\n$/)
    assert.equal(h.state.cancelled > 0, true, 'Ctrl-C cancels the stream')
  })

  test('watch - Ctrl-C with --hlog cancels the stream, closes the file with every window, exits 0', async () => {
    const path = join(dir, 'watch.hlog')
    const h = harness()
    const running = histWatch({ ...watch, hlog: path }, h.context, h.io, false)
    await h.ready()
    assert.equal(h.state.request?.perInstance, true, '--hlog asks for the instances, to log them')
    const first = window(0)
    const second = window(1)
    h.send(first.merged, ...first.instances, second.merged, ...second.instances)
    h.interrupt()
    assert.equal(await running, 0)
    assert.ok(h.state.cancelled > 0)
    // Without --per-instance the screen shows no instance lines, but the log has them.
    assert.doesNotMatch(h.out.stdout, /^INSTANCE/m)
    assert.match(h.out.stdout, /stopped after 2 windows\nwrote 6 interval histograms to .*watch\.hlog\n$/)
    const reader = new HistogramLogReader(await readFile(path, 'utf8'), 64, false)
    const read: [string, number][] = []
    for (let hist = reader.nextIntervalHistogram(); hist; hist = reader.nextIntervalHistogram()) {
      read.push([hist.tag ?? '', hist.totalCount])
    }
    assert.deepEqual(read, [
      ['NO TAG', 300],
      ['web-1', 200],
      ['web-2', 100],
      ['NO TAG', 300],
      ['web-1', 200],
      ['web-2', 100],
    ])
  })

  test('watch - a failed stream rejects with its error, after closing the .hlog file', async () => {
    const path = join(dir, 'failed.hlog')
    const h = harness()
    const running = histWatch({ ...watch, hlog: path }, h.context, h.io, false)
    await h.ready()
    h.state.handlers?.error(new ServerRefusedError('NOT_FOUND', 'no capture covers http.server.duration'))
    await assert.rejects(running, /no capture covers http\.server\.duration \(NOT_FOUND\)/)
    assert.match(await readFile(path, 'utf8'), /^#\[Logged with prodbench ctl hist watch: service=checkout/)
  })

  test('watch - an --hlog path that cannot be written fails before the stream opens', async () => {
    const h = harness()
    await assert.rejects(histWatch({ ...watch, hlog: join(dir, 'nope', 'x.hlog') }, h.context, h.io, false), {
      code: 'PB_CTL_FILE',
    })
    assert.equal(h.state.handlers, undefined)
  })
})

describe('ctl hist watch - main', () => {
  test('main - hist watch against a closed port exits 3; --json keeps the error on one line', async () => {
    const port = await closedPort()
    const { io, captured } = memoryIo({ now: Date.now, onInterrupt: () => () => {} })
    const argv = [
      '--json',
      '--server',
      `127.0.0.1:${port}`,
      'hist',
      'watch',
      'svc=checkout',
      'metric=http.server.duration',
    ]
    assert.equal(await main(argv, io), 3)
    assert.match(captured.err, /ctl: cannot reach the control plane at 127\.0\.0\.1:\d+/)
    const lines = captured.out.trimEnd().split('\n')
    assert.equal(lines.length, 1)
    assert.equal(JSON.parse(lines[0] ?? '').error.code, 'PB_CTL_UNREACHABLE')
  })
})
