import assert from 'node:assert/strict'
import { test } from 'node:test'
import { build, type JsHistogram } from 'hdr-histogram-js'
import { mulberry32 } from '../../test/helpers/random.js'
import { HdrRecorder, hdrLayout, toHdrHistogram } from '../src/metrics/index.js'

const US = hdrLayout(1, 3.6e9, 3)

function jsLike(layout: ReturnType<typeof hdrLayout>): JsHistogram {
  return build({
    bitBucketSize: 64,
    autoResize: false,
    lowestDiscernibleValue: layout.lowest,
    highestTrackableValue: layout.highest,
    numberOfSignificantValueDigits: layout.digits as 3,
    useWebAssembly: false,
  }) as JsHistogram
}

/** Latency-like values: log-normal-ish around ~1 ms with a long tail, some above 2^32 when the range allows. */
function latencies(random: () => number, n: number, highest: number): number[] {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const v = Math.floor(Math.exp(6 + random() * 4 + (random() < 0.01 ? random() * 12 : 0)))
    out.push(Math.min(v, highest))
  }
  return out
}

const QUANTILES = [0, 1, 25, 50, 75, 90, 99, 99.9, 99.99, 100]

test('recorder - an interval as an hdr histogram equals hdr-histogram-js fed the same values', () => {
  for (const layout of [US, hdrLayout(1, 2 ** 40, 2), hdrLayout(1000, 3.6e12, 4), hdrLayout(2 ** 33, 2 ** 52, 3)]) {
    const random = mulberry32(7)
    const values = latencies(random, 20_000, layout.highest).map((v) => v * (layout.lowest > 1e6 ? layout.lowest : 1))
    const recorder = new HdrRecorder(layout, 1_000)
    const js = jsLike(layout)
    for (const v of values) {
      const clamped = Math.min(v, layout.highest)
      recorder.record(clamped)
      js.recordValue(clamped)
    }
    const interval = recorder.cut(2_000)
    const h = toHdrHistogram(layout, interval) as JsHistogram
    const what = `lowest=${layout.lowest} highest=${layout.highest}`
    for (let i = 0; i < layout.countsLength; i++)
      assert.equal(h.getCountAtIndex(i), js.getCountAtIndex(i), `${what} [${i}]`)
    assert.equal(h.totalCount, js.totalCount, what)
    assert.equal(interval.count, values.length, what)
    for (const q of QUANTILES) assert.equal(h.getValueAtPercentile(q), js.getValueAtPercentile(q), `${what} p${q}`)
    assert.equal(h.lowestEquivalentValue(h.minNonZeroValue), js.lowestEquivalentValue(js.minNonZeroValue), what)
    // JsHistogram keeps maxValue one unit step (unitMagnitudeMask) above the value.
    const maxOf = (x: JsHistogram) => x.highestEquivalentValue(x.maxValue - x.unitMagnitudeMask)
    assert.equal(maxOf(h), maxOf(js), what)
    assert.equal(h.startTimeStampMsec, 1_000)
    assert.equal(h.endTimeStampMsec, 2_000)
  }
})

test('recorder - count, sum, min and max are exact, not bucket-rounded', () => {
  const recorder = new HdrRecorder(US, 0)
  const values = latencies(mulberry32(3), 5_000, US.highest)
  for (const v of values) recorder.record(v)
  const interval = recorder.cut(1)
  assert.equal(interval.count, values.length)
  assert.equal(
    interval.sum,
    values.reduce((a, b) => a + b, 0),
  )
  assert.equal(interval.min, Math.min(...values))
  assert.equal(interval.max, Math.max(...values))
  assert.equal(interval.clamped, 0)
})

test('recorder - non-integers are rounded to the nearest integer', () => {
  const recorder = new HdrRecorder(hdrLayout(1, 2 ** 40, 3), 0)
  recorder.record(2.4)
  recorder.record(2.6)
  recorder.record(4_294_967_295.7)
  const interval = recorder.cut(1)
  assert.equal(interval.sum, 2 + 3 + 4_294_967_296)
  assert.equal(interval.min, 2)
  assert.equal(interval.max, 4_294_967_296)
  assert.equal(interval.counts[2], 1)
  assert.equal(interval.counts[3], 1)
})

test('recorder - NaN, negatives and values above highest are clamped into range and counted', () => {
  const layout = hdrLayout(1, 1_000_000, 3)
  const recorder = new HdrRecorder(layout, 0)
  for (const v of [Number.NaN, -5, Number.NEGATIVE_INFINITY, 2_000_000, Number.POSITIVE_INFINITY, 500]) {
    recorder.record(v)
  }
  const interval = recorder.cut(1)
  assert.equal(interval.clamped, 5)
  assert.equal(interval.count, 6)
  assert.equal(interval.min, 0)
  assert.equal(interval.max, 1_000_000)
  assert.equal(interval.sum, 2_000_500)
  const h = toHdrHistogram(layout, interval)
  assert.equal(h.totalCount, 6)
  assert.equal(h.getValueAtPercentile(0), 0, 'NaN and negatives recorded as 0')
  assert.ok(h.getValueAtPercentile(100) >= 1_000_000, 'too large recorded as highest')
})

test('recorder - values from 0 up to lowest are in range (HdrHistogram counts them at the index of 0)', () => {
  const layout = hdrLayout(1_000, 3.6e12, 3)
  const recorder = new HdrRecorder(layout, 0)
  const js = jsLike(layout)
  for (const v of [0, 1, 999, 1_000]) {
    recorder.record(v)
    js.recordValue(v)
  }
  const interval = recorder.cut(1)
  assert.equal(interval.clamped, 0)
  assert.equal(interval.min, 0)
  const h = toHdrHistogram(layout, interval) as JsHistogram
  for (let i = 0; i < 8; i++) assert.equal(h.getCountAtIndex(i), js.getCountAtIndex(i), `[${i}]`)
})

test('recorder - recordWithExpectedInterval matches hdr-histogram-js recordValueWithExpectedInterval', () => {
  const cases: Array<[number, number]> = [
    [100, 1_000], // below the interval: no missed values
    [10_000, 1_000],
    [10_500, 1_000],
    [2_000, 1_000], // exactly 2× the interval: one missed value
    [1_999, 1_000],
    [3_000_000, 7],
    [1_000_000, 1], // a million missed values, counted per index
    [123_456_789, 333],
    [50, 0], // no interval: no correction
  ]
  for (const [value, expectedInterval] of cases) {
    const recorder = new HdrRecorder(US, 0)
    const js = jsLike(US)
    recorder.recordWithExpectedInterval(value, expectedInterval)
    js.recordValueWithExpectedInterval(value, expectedInterval)
    const interval = recorder.cut(1)
    const h = toHdrHistogram(US, interval) as JsHistogram
    const what = `value ${value}, interval ${expectedInterval}`
    for (let i = 0; i < US.countsLength; i++)
      assert.equal(h.getCountAtIndex(i), js.getCountAtIndex(i), `${what} [${i}]`)
    assert.equal(interval.count, js.totalCount, what)
    let sum = value
    let min = value
    if (expectedInterval > 0) {
      for (let missed = value - expectedInterval; missed >= expectedInterval; missed -= expectedInterval) {
        sum += missed
        min = missed
      }
    }
    assert.equal(interval.sum, sum, what)
    assert.equal(interval.min, min, what)
    assert.equal(interval.max, value, what)
  }
})

test('recorder - recordWithExpectedInterval with a huge value/interval ratio stays bounded', () => {
  const recorder = new HdrRecorder(US, 0)
  const started = process.hrtime.bigint()
  recorder.recordWithExpectedInterval(US.highest, 1) // 3.6e9 missed values
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const interval = recorder.cut(1)
  assert.equal(interval.count, US.highest)
  assert.equal(interval.min, 1)
  assert.equal(
    interval.counts.reduce((a, b) => a + b, 0),
    interval.count,
  )
  assert.ok(ms < 1_000, `took ${ms} ms`)
})

test('recorder - cut ends the interval, the next one starts empty where the last ended', () => {
  const recorder = new HdrRecorder(US, 100)
  recorder.record(5)
  recorder.record(7)
  const first = recorder.cut(1_100)
  assert.deepEqual([first.count, first.startMs, first.endMs], [2, 100, 1_100])
  const second = recorder.cut(2_100)
  assert.deepEqual(
    [second.count, second.sum, second.min, second.max, second.clamped, second.startMs, second.endMs],
    [0, 0, 0, 0, 0, 1_100, 2_100],
  )
  assert.equal(
    second.counts.reduce((a, b) => a + b, 0),
    0,
  )
  assert.notEqual(second.counts, first.counts, 'double-buffered: the cut swapped arrays')
})

test('recorder - release hands the array back zeroed, and the next cut records into it', () => {
  const recorder = new HdrRecorder(US, 0)
  recorder.record(42)
  const first = recorder.cut(1)
  const array = first.counts
  recorder.release(first)
  assert.equal(first.counts.length, 0, 'a released interval reads as empty')
  assert.equal(
    array.reduce((a, b) => a + b, 0),
    0,
    'zeroed on release',
  )
  recorder.record(43)
  recorder.cut(2) // swaps the released array in
  recorder.record(44)
  const third = recorder.cut(3)
  assert.equal(third.counts, array, 'reused, not reallocated')
  assert.equal(third.count, 1)
  assert.equal(third.counts[44], 1)
  assert.equal(third.counts[42], 0)
  assert.equal(third.counts[43], 0)
})

test('recorder - releasing twice, or an array of another layout, is ignored', () => {
  const recorder = new HdrRecorder(US, 0)
  const first = recorder.cut(1)
  const array = first.counts
  recorder.release(first)
  recorder.release(first)
  recorder.release({ ...first, counts: new Float64Array(3) })
  recorder.record(9)
  const second = recorder.cut(2)
  assert.equal(second.count, 1)
  const third = recorder.cut(3)
  assert.equal(third.counts, array, 'the one released array was kept')
  assert.equal(
    third.counts.reduce((a, b) => a + b, 0),
    0,
  )
})
