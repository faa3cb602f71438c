import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Histogram } from '@prodbench/sdk/metrics'
import { HistogramLogReader, type JsHistogram, listTags } from 'hdr-histogram-js'
import { FileError } from '../src/ctl/errors.js'
import { openHlogFile } from '../src/ctl/hlog-file.js'
import { maxValueUnitRatio } from '../src/ctl/hlog-writer.js'
import type { WindowGroup } from '../src/ctl/window-groups.js'
import { fleetWindow, latencies } from './fixtures/ctl-hist-windows.js'

// Aligned windows, as the control plane sends them (end = k × interval).
const T0 = 1_763_000_000_000
const INTERVAL = 1_000

/** Non-zero counts by value (the low end of each bucket). */
function countsByValue(h: Histogram): Map<number, number> {
  const js = h as JsHistogram
  const counts = new Map<number, number>()
  for (let i = 0; i < js.countsArrayLength; i++) {
    const count = js.getCountAtIndex(i)
    if (count !== 0) counts.set(js.valueFromIndex(i), count)
  }
  return counts
}

/** Every interval of an .hlog text, read back by hdr-histogram-js (JS, not WASM). */
function readIntervals(text: string): Histogram[] {
  const reader = new HistogramLogReader(text, 64, false)
  const intervals: Histogram[] = []
  for (let h = reader.nextIntervalHistogram(); h; h = reader.nextIntervalHistogram()) intervals.push(h)
  return intervals
}

describe('ctl hist hlog - written by ctl, read by hdr-histogram-js', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ctl-hlog-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('hlog - three windows of three instances read back with identical counts, tags and times', async () => {
    const path = join(dir, 'fleet.hlog')
    const file = await openHlogFile(path, { service: 'checkout', metric: 'http.server.duration' })
    const written: { group: WindowGroup; histograms: Record<string, Histogram> }[] = []
    for (let k = 0; k < 3; k++) {
      const base = { startMs: T0 + k * INTERVAL, endMs: T0 + (k + 1) * INTERVAL }
      const { merged, instances, histograms } = fleetWindow(
        {
          'web-1': latencies(2_000 + k * 100, 8_000, 1 + k),
          'web-2': latencies(1_500, 20_000, 11 + k),
          'web-3': latencies(300 + k, 150_000, 21 + k),
        },
        base,
      )
      const group = { endMs: base.endMs, merged, instances }
      file.write(group)
      written.push({ group, histograms })
    }
    await file.close(Date.now())
    assert.equal(file.intervals, 12)
    assert.deepEqual(file.skipped, [])

    const text = await readFile(path, 'utf8')
    assert.deepEqual(listTags(text), ['NO TAG', 'web-1', 'web-2', 'web-3'])
    const intervals = readIntervals(text)
    assert.equal(intervals.length, 12)
    for (const [k, { group, histograms }] of written.entries()) {
      // Per window: the merged view (untagged) first, then the instances in id order.
      const expected = ['', 'web-1', 'web-2', 'web-3']
      for (const [j, tag] of expected.entries()) {
        const read = intervals[k * 4 + j] as Histogram
        const original = histograms[tag] as Histogram
        assert.equal(read.tag, tag === '' ? 'NO TAG' : tag, `window ${k} line ${j}`)
        assert.equal(read.totalCount, original.totalCount, `window ${k} ${tag || 'merged'} totalCount`)
        assert.deepEqual(countsByValue(read), countsByValue(original), `window ${k} ${tag || 'merged'} counts`)
        // The encoding keeps buckets, not exact values: max reads back as the top of its bucket.
        assert.equal(read.maxValue, (original as JsHistogram).highestEquivalentValue(original.maxValue))
        assert.equal(read.startTimeStampMsec, group.merged?.startMs)
        assert.equal(read.endTimeStampMsec, group.endMs)
      }
      // The merged line holds exactly the union of the instances' values.
      const sum = ['web-1', 'web-2', 'web-3'].reduce((n, id) => n + (histograms[id]?.totalCount ?? 0), 0)
      assert.equal(intervals[k * 4]?.totalCount, sum)
    }
  })

  test('hlog - the header is the standard one: version, StartTime = BaseTime = first window, legend', async () => {
    const path = join(dir, 'header.hlog')
    const file = await openHlogFile(path, {})
    const { merged, instances } = fleetWindow({ a: [100, 200, 300] }, { startMs: T0, endMs: T0 + INTERVAL })
    file.write({ endMs: T0 + INTERVAL, merged, instances })
    await file.close(Date.now())
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean)
    assert.match(
      lines[0] ?? '',
      /^#\[Logged with prodbench ctl hist watch: service=checkout metric=http\.server\.duration capture=r-1a2b3c unit=us\]$/,
    )
    assert.ok(lines.includes('#[Histogram log format version 1.3]'))
    assert.ok(lines.some((line) => line.startsWith(`#[StartTime: ${(T0 / 1_000).toFixed(3)} (seconds since epoch), `)))
    assert.ok(lines.includes(`#[BaseTime: ${(T0 / 1_000).toFixed(3)} (seconds since epoch)]`))
    assert.ok(lines.includes('"StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"'))
    // Timestamps relative to StartTime; Interval_Max in ms for a µs histogram (300 µs → 0.300).
    assert.match(lines.at(-2) ?? '', /^0\.000,1\.000,0\.300,HISTF/)
    assert.match(lines.at(-1) ?? '', /^Tag=a,0\.000,1\.000,0\.300,HISTF/)
  })

  test('hlog - Interval_Max is in milliseconds for time units, as recorded otherwise', () => {
    assert.deepEqual(['ns', 'us', 'ms', 's', 'bytes', '1'].map(maxValueUnitRatio), [1e6, 1e3, 1, 1e-3, 1, 1])
  })

  test('hlog - undecodable bytes leave that line out and are reported; the others are written', async () => {
    const path = join(dir, 'bad.hlog')
    const file = await openHlogFile(path, {})
    const { merged, instances } = fleetWindow({ a: [5], b: [7, 9] }, { startMs: T0, endMs: T0 + INTERVAL })
    const broken = { ...instances[1], hdr: Buffer.from('not an hdr histogram') }
    file.write({ endMs: T0 + INTERVAL, merged, instances: [instances[0] as (typeof instances)[0], broken] })
    await file.close(Date.now())
    assert.equal(file.intervals, 2)
    assert.equal(file.skipped.length, 1)
    assert.equal(file.skipped[0]?.instance, 'b')
    assert.match(file.skipped[0]?.reason ?? '', /not a V2 compressed histogram/)
    assert.deepEqual(
      readIntervals(await readFile(path, 'utf8')).map((h) => [h.tag, h.totalCount]),
      [
        ['NO TAG', 3],
        ['a', 1],
      ],
    )
  })

  test('hlog - an empty window without bytes is logged empty; with no window the file is a valid empty log', async () => {
    const path = join(dir, 'empty.hlog')
    const file = await openHlogFile(path, { service: 'checkout' })
    file.write({ endMs: T0 + INTERVAL, merged: { startMs: T0, endMs: T0 + INTERVAL, count: 0 }, instances: [] })
    await file.close(Date.now())
    assert.deepEqual(
      readIntervals(await readFile(path, 'utf8')).map((h) => h.totalCount),
      [0],
    )
    const none = join(dir, 'none.hlog')
    const unused = await openHlogFile(none, { service: 'checkout' })
    await unused.close(T0)
    await unused.close(T0) // idempotent
    const text = await readFile(none, 'utf8')
    assert.match(text, /#\[StartTime: /)
    assert.deepEqual(readIntervals(text), [])
  })

  test('hlog - a path that cannot be written fails at open with a FileError (exit 1)', async () => {
    await assert.rejects(openHlogFile(join(dir, 'no-such-dir', 'x.hlog'), {}), (error: unknown) => {
      assert.ok(error instanceof FileError)
      assert.equal(error.exitCode, 1)
      assert.equal(error.code, 'PB_CTL_FILE')
      assert.match(error.message, /^cannot write .*no-such-dir\/x\.hlog: ENOENT: no such file or directory$/)
      return true
    })
  })
})
