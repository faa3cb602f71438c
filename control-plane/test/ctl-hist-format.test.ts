import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { decodeHdr } from '@prodbench/sdk/metrics'
import type { View } from '../src/ctl/context.js'
import {
  barChart,
  barOf,
  chartRows,
  histogramBlock,
  percentileLine,
  windowJson,
  windowTime,
} from '../src/ctl/format-hist.js'
import { formatCount, formatRate, formatShare, formatValue, quantileLabel } from '../src/ctl/format-units.js'
import { createStyle, stripAnsi } from '../src/ctl/style.js'
import { fleetWindow, latencies } from './fixtures/ctl-hist-windows.js'

// Local times, so the expected clock strings hold in any time zone.
const START = new Date(2025, 2, 14, 4, 55, 1).getTime()
const END = START + 1_000
const plain: View = { now: END, style: createStyle(false) }

function fleet() {
  return fleetWindow(
    { 'web-1': latencies(4_000, 8_000, 1), 'web-2': latencies(3_000, 12_000, 2), 'web-3': [250_000, 400_000] },
    { startMs: START, endMs: END },
    ['web-4'],
  )
}

describe('ctl hist format - units', () => {
  test('values - time units read humanely in the largest fitting unit', () => {
    assert.equal(formatValue(850, 'us'), '850us')
    assert.equal(formatValue(12_300, 'us'), '12.3ms')
    assert.equal(formatValue(1_200_000, 'us'), '1.2s')
    assert.equal(formatValue(12, 'ns'), '12ns')
    assert.equal(formatValue(1_234, 'ns'), '1.23us')
    assert.equal(formatValue(250, 'ms'), '250ms')
    assert.equal(formatValue(3, 's'), '3s')
    assert.equal(formatValue(0, 'us'), '0ns')
  })

  test('values - rounding up to 1000 moves to the next unit', () => {
    assert.equal(formatValue(999_960, 'ns'), '1ms')
    assert.equal(formatValue(999.6, 'us'), '1ms')
  })

  test('values - bytes in KiB/MiB, plain counts in k/M, other units kept', () => {
    assert.equal(formatValue(512, 'bytes'), '512B')
    assert.equal(formatValue(1_536, 'bytes'), '1.5KiB')
    assert.equal(formatValue(5 * 1024 * 1024, 'bytes'), '5MiB')
    assert.equal(formatValue(12_300, '1'), '12.3k')
    assert.equal(formatValue(7, '1'), '7')
    assert.equal(formatValue(2.5, 'widgets'), '2.5 widgets')
  })

  test('counts, rates, shares and quantile labels', () => {
    assert.equal(formatCount(1_234_567), '1,234,567')
    assert.equal(formatRate(1_234, 1_000), '1,234/s')
    assert.equal(formatRate(123, 10_000), '12.3/s')
    assert.equal(formatRate(5, 0), '-')
    assert.equal(formatShare(1, 3), '33.3%')
    assert.equal(formatShare(1, 100_000), '<0.1%')
    assert.equal(formatShare(5, 5), '100%')
    assert.equal(formatShare(0, 5), '0%')
    assert.deepEqual([0.5, 0.9, 0.99, 0.999, 1].map(quantileLabel), ['p50', 'p90', 'p99', 'p99.9', 'max'])
  })
})

describe('ctl hist format - bar chart', () => {
  test('chart - rows keep the log-scaled axis when joined to fit, and drop empty ends', () => {
    // 60 buckets, edges ×1.2 apart; data in buckets 10..49.
    const buckets = Array.from({ length: 60 }, (_, i) => ({ le: 100 * 1.2 ** i, count: i >= 10 && i < 50 ? i : 0 }))
    const rows = chartRows(buckets, 24)
    assert.ok(rows.length <= 24, `${rows.length} rows`)
    // One empty row is kept below the first value; none above the last.
    assert.equal(rows[0]?.count, buckets[9]!.count + buckets[10]!.count)
    assert.ok((rows[rows.length - 1]?.count ?? 0) > 0)
    const ratios = rows.slice(1).map((row, i) => row.le / (rows[i] as { le: number }).le)
    for (const ratio of ratios.slice(0, -1)) assert.ok(Math.abs(ratio - 1.2 ** 2) < 1e-9, `ratio ${ratio}`)
    const total = (rows: { count: number }[]) => rows.reduce((sum, row) => sum + row.count, 0)
    assert.equal(total(rows), total(buckets))
  })

  test('chart - lines fit the width; the largest row has the longest bar; a tiny count still shows', () => {
    const rows = [
      { le: 1_000, count: 0 },
      { le: 2_000, count: 1_234 },
      { le: 4_000, count: 20_000 },
      { le: 8_000, count: 1 },
    ]
    const lines = barChart(rows, 'us', 80, createStyle(true)).map(stripAnsi)
    assert.equal(lines.length, 4)
    for (const line of lines) assert.ok(line.length <= 80, `${line.length}: ${line}`)
    assert.equal(lines[2]?.length, 80)
    assert.match(lines[0] ?? '', /^ {2}≤ 1ms +0 +0%$/)
    assert.match(lines[1] ?? '', /^ {2}≤ 2ms +█+[▏▎▍▌▋▊▉]? +1,234 +5\.8%$/)
    assert.match(lines[2] ?? '', /^ {2}≤ 4ms +█{50,} +20,000 +94\.2%$/)
    assert.match(lines[3] ?? '', /^ {2}≤ 8ms +▏ +1 +<0\.1%$/)
    // Counts are right-aligned in one column.
    const ends = lines.map(
      (line) => line.search(/\d[\d,]* +\S+%$/) + (line.match(/\d[\d,]*(?= +\S+%$)/)?.[0].length ?? 0),
    )
    assert.equal(new Set(ends).size, 1)
  })

  test('chart - bars are drawn in eighths of a cell', () => {
    assert.equal(barOf(10, 10, 4), '████')
    assert.equal(barOf(5, 10, 3), '█▌')
    assert.equal(barOf(0, 10, 4), '')
    assert.equal(barOf(1, 1_000_000, 4), '▏')
  })
})

describe('ctl hist format - window block', () => {
  test('block - header, figures, percentiles and chart of a real merged window, within 80 columns', () => {
    const { merged, histograms } = fleet()
    const lines = histogramBlock(merged, { ...plain, style: createStyle(true) }).map(stripAnsi)
    for (const line of lines) assert.ok(line.length <= 80, `${line.length}: ${line}`)
    assert.equal(lines[0], 'checkout http.server.duration (us)  capture r-1a2b3c')
    assert.equal(lines[1], '04:55:01–04:55:02 (1s)  3/4 instances, missing: web-4')
    const h = histograms[''] as NonNullable<(typeof histograms)['']>
    assert.equal(h.totalCount, 7_002)
    assert.match(lines[2] ?? '', /^count 7,002 {2}rate 7,002\/s {2}mean \S+ {2}min \S+$/)
    const p = (q: number) => formatValue(h.getValueAtPercentile(q), 'us')
    assert.equal(
      lines[3],
      `p50 ${p(50)}  p90 ${p(90)}  p99 ${p(99)}  p99.9 ${p(99.9)}  max ${formatValue(merged.max ?? 0, 'us')}`,
    )
    const chart = lines.slice(5)
    assert.ok(chart.length >= 10, `${chart.length} chart rows`)
    const edges = chart.map((line) => line.match(/^ {2}≤ (\S+)/)?.[1])
    assert.ok(edges.every(Boolean), 'every chart row starts with its upper edge')
    const counts = chart.map((line) => Number(line.match(/([\d,]+) +\S+%$/)?.[1]?.replaceAll(',', '')))
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      7_002,
    )
  })

  test('block - --per-instance adds one line per instance with count, rate, p50, p99, max', () => {
    const { merged, instances } = fleet()
    const lines = histogramBlock(merged, plain, { instances: [...instances].reverse() })
    const table = lines.slice(lines.indexOf('') + 1).slice(lines.slice(lines.indexOf('') + 1).indexOf('') + 1)
    assert.match(table[0] ?? '', /^INSTANCE +COUNT +RATE +P50 +P99 +MAX$/)
    assert.deepEqual(
      table.slice(1).map((line) => line.split(/ +/).slice(0, 3)),
      [
        ['web-1', '4,000', '4,000/s'],
        ['web-2', '3,000', '3,000/s'],
        ['web-3', '2', '2/s'],
      ],
    )
    assert.match(table[3] ?? '', / 250ms +400ms +400ms$/)
  })

  test('block - an empty window says so instead of drawing a chart', () => {
    const lines = histogramBlock(
      { service: 'checkout', metric: 'db.query', unit: 'ms', startMs: START, endMs: END, count: 0, instances: ['a'] },
      plain,
    )
    assert.deepEqual(lines.slice(2), [
      'count 0  rate 0/s',
      'p50 -  p90 -  p99 -  p99.9 -  max -',
      '',
      'no values recorded in this window',
    ])
  })

  test('block - percentiles the server did not send show as "-"; clamped values are called out', () => {
    const line = percentileLine({ unit: 'us', count: 3, max: 90, percentiles: [{ quantile: 0.5, value: 12 }] })
    assert.equal(line, 'p50 12us  p90 -  p99 -  p99.9 -  max 90us')
    const lines = histogramBlock({ unit: 'us', startMs: START, endMs: END, count: 3, clamped: 2, max: 5 }, plain)
    assert.match(lines[2] ?? '', / {2}clamped 2 \(out of range\)$/)
  })

  test('block - a window spanning several intervals shows its span', () => {
    assert.equal(windowTime({ startMs: START, endMs: START + 300_000 }, END), '04:55:01–05:00:01 (5m)')
  })

  test('json - hdr is base64 of the encoded histogram and decodes to the same counts', () => {
    const { merged } = fleet()
    const json = JSON.parse(JSON.stringify(windowJson(merged)))
    assert.equal(typeof json.hdr, 'string')
    assert.equal(json.count, 7_002)
    assert.equal(decodeHdr(Buffer.from(json.hdr, 'base64')).totalCount, 7_002)
    assert.equal('hdr' in windowJson({ count: 0 }), false)
  })
})
