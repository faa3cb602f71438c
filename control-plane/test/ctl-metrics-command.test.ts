import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ListMetricsResponse } from '@prodbench/proto'
import { parseCommandLine } from '../src/ctl/args.js'
import type { MetricsCommand } from '../src/ctl/args-metrics.js'
import { metricsReport } from '../src/ctl/commands/metrics.js'
import type { View } from '../src/ctl/context.js'
import { metricRows, metricValueText } from '../src/ctl/format-metrics.js'
import { formatAmount, formatPerSecond } from '../src/ctl/format-units.js'
import { main } from '../src/ctl/main.js'
import { createStyle, stripAnsi } from '../src/ctl/style.js'
import { closedPort, memoryIo } from './fixtures/ctl-io.js'

const NOW = Date.UTC(2025, 2, 14, 2, 1)
const plain: View = { now: NOW, style: createStyle(false) }
const command: MetricsCommand = { name: 'metrics', service: 'checkout', perInstance: false }

/** Three instances: a counter with labels, a gauge whose instances differ, a histogram, one overflowing counter. */
const response: ListMetricsResponse = {
  service: 'checkout',
  instances: [
    {
      instance: 'web-1',
      metrics: [
        { name: 'orders.placed', kind: 'counter', unit: '', value: 1_000, series: 3 },
        { name: 'queue.depth', kind: 'gauge', unit: '', value: 10, series: 1 },
        { name: 'http.server.duration', kind: 'histogram', unit: 'us', value: 5_000, series: 1 },
        { name: 'http.response.bytes', kind: 'counter', unit: 'bytes', value: 1_048_576, series: 1 },
      ],
    },
    {
      instance: 'web-2',
      metrics: [
        { name: 'orders.placed', kind: 'counter', unit: '', value: 234, series: 4, overflow: 7 },
        { name: 'queue.depth', kind: 'gauge', unit: '', value: 20, series: 1 },
        { name: 'http.server.duration', kind: 'histogram', unit: 'us', value: 2_000, series: 1 },
        { name: 'http.response.bytes', kind: 'counter', unit: 'bytes', value: 524_288, series: 1 },
      ],
    },
    {
      instance: 'web-3',
      metrics: [{ name: 'queue.depth', kind: 'gauge', unit: '', value: 12, series: 1 }],
    },
  ],
}

describe('ctl metrics/watch - parsing', () => {
  test('parse - metrics takes svc=, inst= and --per-instance', () => {
    const parsed = parseCommandLine(['metrics', 'svc=checkout', 'inst=web-1', '--per-instance'], {})
    assert.deepEqual(parsed.kind === 'run' && parsed.command, {
      name: 'metrics',
      service: 'checkout',
      instance: 'web-1',
      perInstance: true,
    })
  })

  test('parse - watch takes a metric pattern (one-segment * and trailing **) and capture=', () => {
    for (const pattern of ['orders.*', 'db.**', 'orders.placed']) {
      const parsed = parseCommandLine(['--json', 'watch', 'svc=checkout', `metric=${pattern}`, 'capture=r-1a2b3c'], {})
      assert.equal(parsed.kind, 'run', pattern)
      assert.deepEqual(parsed.kind === 'run' && parsed.command, {
        name: 'watch',
        service: 'checkout',
        metric: pattern,
        captureId: 'r-1a2b3c',
      })
      assert.equal(parsed.kind === 'run' && parsed.options.json, true)
    }
    const all = parseCommandLine(['watch', 'svc=checkout'], {})
    assert.deepEqual(all.kind === 'run' && all.command, { name: 'watch', service: 'checkout' })
  })

  test('parse - bad input is a usage error naming the problem, with the command usage', () => {
    const cases: [string[], RegExp, RegExp][] = [
      [['metrics'], /^metrics needs svc=SERVICE/, /^usage: ctl metrics/],
      [
        ['watch', 'svc=checkout', 'metric=orders.**.x'],
        /^bad metric="orders\.\*\*\.x": .*trailing/,
        /^usage: ctl watch/,
      ],
      [['watch', 'svc=checkout', 'orders.*'], /unexpected argument "orders\.\*" \(did you mean metric=/, /ctl watch/],
      [['watch', 'svc=checkout', '--per-instance'], /^unknown option --per-instance for watch$/, /ctl watch/],
      [['metrics', 'svc=checkout', 'metric=x'], /^unknown key "metric=" \(metrics takes svc=, inst=\)/, /ctl metrics/],
      [['watch', 'svc=checkout', 'capture=r/1'], /^bad capture="r\/1": must be 1-64 letters/, /ctl watch/],
    ]
    for (const [argv, message, usage] of cases) {
      const parsed = parseCommandLine(argv, {})
      assert.equal(parsed.kind, 'usage-error', argv.join(' '))
      if (parsed.kind !== 'usage-error') continue
      assert.match(parsed.message, message)
      assert.match(parsed.usage, usage)
    }
  })

  test('parse - help for both commands, and the global usage lists them', () => {
    const help = (argv: string[]) => {
      const parsed = parseCommandLine(argv, {})
      return parsed.kind === 'help' ? parsed.text : ''
    }
    assert.match(help(['metrics', '--help']), /^usage: ctl metrics svc=SERVICE \[inst=ID\]/)
    assert.match(help(['help', 'watch']), /^usage: ctl watch svc=SERVICE \[metric=PATTERN\]/)
    assert.match(help(['--help']), /\n {2}metrics svc=S .*\n {2}watch svc=S/)
    for (const topic of [['metrics'], ['watch'], []]) {
      for (const line of help(['help', ...topic]).split('\n')) assert.ok(line.length <= 80, line)
    }
  })

  test('main - a bad pattern exits 2 with the message then the usage on stderr', async () => {
    const { io, captured } = memoryIo({ now: () => NOW })
    assert.equal(await main(['watch', 'svc=checkout', 'metric=a..b'], io), 2)
    assert.match(captured.err, /^ctl: bad metric="a\.\.b": .*\n\nusage: ctl watch /)
    assert.equal(captured.out, '')
  })
})

describe('ctl metrics - formatting', () => {
  test('units - amounts and rates read humanely', () => {
    assert.equal(formatAmount(1_234, ''), '1,234')
    assert.equal(formatAmount(1_572_864, 'bytes'), '1.5MiB')
    assert.equal(formatAmount(1_500, 'ms'), '1.5s')
    assert.equal(formatAmount(0.75, '1'), '0.75')
    assert.equal(formatPerSecond(12, ''), '12.0/s')
    assert.equal(formatPerSecond(0.02, ''), '0.02/s')
    assert.equal(formatPerSecond(12_345, ''), '12.3k/s')
    assert.equal(formatPerSecond(2_097_152, 'bytes'), '2MiB/s')
  })

  test('rows - counters sum over instances, gauges sum with min..max, histograms count; n/m instances', () => {
    const rows = metricRows(response)
    const byName = Object.fromEntries(rows.map((row) => [row.name, row]))
    assert.deepEqual(
      rows.map((row) => row.name),
      ['http.response.bytes', 'http.server.duration', 'orders.placed', 'queue.depth'],
    )
    assert.equal(byName['orders.placed']?.value, 1_234)
    assert.equal(byName['orders.placed']?.series, 4)
    assert.equal(byName['orders.placed']?.overflow, 7)
    assert.equal(byName['queue.depth']?.instances, 3)
    assert.equal(metricValueText(byName['queue.depth'] as never), '42 (10..20)')
    assert.equal(metricValueText(byName['http.server.duration'] as never), '7,000')
    assert.equal(metricValueText(byName['http.response.bytes'] as never), '1.5MiB')
  })

  test('report - one row per instrument, OVERFLOW only where > 0 and highlighted, within 80 columns', () => {
    const report = metricsReport(command, response, { ...plain, width: 80 })
    assert.equal(report.exitCode, 0)
    const text = report.lines.join('\n')
    assert.match(
      text,
      /^checkout: 3 live instances, 4 instruments\n\nNAME +KIND +UNIT +VALUE +INSTANCES +SERIES +OVERFLOW\n/,
    )
    assert.match(text, /\norders\.placed +counter +1,234 +2\/3 +4 +7\n/)
    assert.match(text, /\nqueue\.depth +gauge +42 \(10\.\.20\) +3\/3 +1\n/)
    assert.match(text, /\nhttp\.server\.duration +histogram +us +7,000 +2\/3 +1\n/)
    assert.match(text, /7 label sets refused by cardinality limits/)
    for (const line of report.lines) assert.ok(line.length <= 80, line)
    const colored = metricsReport(command, response, { now: NOW, style: createStyle(true) })
    assert.ok(
      colored.lines.some((line) => line.includes('\u001b[31m7\u001b[39m')),
      'the overflow is red',
    )
    const quiet = metricsReport(command, { service: 'checkout', instances: response.instances?.slice(2) }, plain)
    assert.doesNotMatch(quiet.lines.join('\n'), /OVERFLOW/)
  })

  test('report - --per-instance gives one block per instance; inst= narrows to one, exit 1 when not live', () => {
    const per = metricsReport({ ...command, perInstance: true }, response, plain)
    const text = stripAnsi(per.lines.join('\n'))
    assert.match(text, /\nweb-1\nNAME +KIND +UNIT +VALUE +SERIES\n/)
    assert.match(text, /\nweb-2\nNAME +KIND +UNIT +VALUE +SERIES +OVERFLOW\n/)
    assert.match(text, /\nweb-3\nNAME +KIND +UNIT +VALUE +SERIES\nqueue\.depth +gauge +12 +1\n/)
    const one = metricsReport({ ...command, instance: 'web-3' }, response, plain)
    assert.equal(one.exitCode, 0)
    assert.match(one.lines.join('\n'), /1 live instance, 1 instrument[\s\S]*queue\.depth +gauge +12 +1\/1/)
    const gone = metricsReport({ ...command, instance: 'web-9' }, response, plain)
    assert.equal(gone.exitCode, 1)
    assert.deepEqual(gone.lines, ['web-9 is not a live instance of checkout (live: web-1, web-2, web-3)'])
  })

  test('report - --json is the response plus a summary, as one document', () => {
    const report = metricsReport(command, response, plain)
    const json = JSON.parse(JSON.stringify(report.json))
    assert.equal(json.service, 'checkout')
    assert.equal(json.instances.length, 3)
    assert.deepEqual(
      [json.summary.command, json.summary.instances, json.summary.instruments, json.summary.overflow],
      ['metrics', 3, 4, 7],
    )
    assert.deepEqual(json.summary.metrics[2], {
      name: 'orders.placed',
      kind: 'counter',
      unit: '',
      value: 1_234,
      min: 234,
      max: 1_000,
      instances: 2,
      series: 4,
      overflow: 7,
    })
  })

  test('report - no live instances says so and exits 0', () => {
    const report = metricsReport(command, { service: 'checkout' }, plain)
    assert.deepEqual([report.exitCode, report.lines], [0, ['no live instances of checkout']])
  })

  test('main - metrics against a closed port exits 3 with one error document under --json', async () => {
    const port = await closedPort()
    const { io, captured } = memoryIo({ now: () => NOW })
    assert.equal(await main(['--json', '--server', `127.0.0.1:${port}`, 'metrics', 'svc=checkout'], io), 3)
    assert.match(captured.err, /^ctl: cannot reach the control plane at 127\.0\.0\.1:\d+/)
    assert.equal(JSON.parse(captured.out).error.code, 'PB_CTL_UNREACHABLE')
  })
})
