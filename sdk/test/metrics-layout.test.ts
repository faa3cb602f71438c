import assert from 'node:assert/strict'
import { test } from 'node:test'
import { build, type JsHistogram } from 'hdr-histogram-js'
import { mulberry32 } from '../../test/helpers/random.js'
import {
  countsIndex,
  defaultRange,
  HdrRecorder,
  hdrLayout,
  highestValueAtIndex,
  UNITS,
  valueFromIndex,
} from '../src/metrics/index.js'

/** A JsHistogram with 8-bit counts: the layout is the same at every count size, the memory is not. */
function jsHistogram(lowest: number, highest: number, digits: number): JsHistogram {
  return build({
    bitBucketSize: 8,
    autoResize: false,
    lowestDiscernibleValue: lowest,
    highestTrackableValue: highest,
    numberOfSignificantValueDigits: digits as 1,
    useWebAssembly: false,
  }) as JsHistogram
}

const LOWESTS = [1, 2, 3, 7, 1000, 1024, 12_345, 2 ** 20, 2 ** 31, 2 ** 33]
function highestsFor(lowest: number): number[] {
  const all = [2 * lowest, 1000 * lowest, 3.6e9, 2 ** 32, 2 ** 40, 3.6e12, Number.MAX_SAFE_INTEGER]
  return [...new Set(all.filter((h) => h >= 2 * lowest && h <= Number.MAX_SAFE_INTEGER))]
}
const COMBOS: Array<[number, number, number]> = []
for (const lowest of LOWESTS) {
  for (const highest of highestsFor(lowest))
    for (let digits = 0; digits <= 5; digits++) COMBOS.push([lowest, highest, digits])
}

test('hdr-layout - every field equals the JsHistogram built with the same parameters', () => {
  for (const [lowest, highest, digits] of COMBOS) {
    const layout = hdrLayout(lowest, highest, digits)
    const js = jsHistogram(lowest, highest, digits)
    const what = `lowest=${lowest} highest=${highest} digits=${digits}`
    assert.equal(layout.lowest, js.lowestDiscernibleValue, what)
    assert.equal(layout.highest, js.highestTrackableValue, what)
    assert.equal(layout.digits, js.numberOfSignificantValueDigits, what)
    assert.equal(layout.unitMagnitude, js.unitMagnitude, what)
    assert.equal(layout.subBucketHalfCountMagnitude, js.subBucketHalfCountMagnitude, what)
    assert.equal(layout.subBucketCount, js.subBucketCount, what)
    assert.equal(layout.subBucketHalfCount, js.subBucketHalfCount, what)
    assert.equal(layout.subBucketMask, js.subBucketMask, what)
    assert.equal(layout.bucketCount, js.bucketCount, what)
    assert.equal(layout.countsLength, js.countsArrayLength, what)
    assert.equal(layout.leadingZeroCountBase, js.leadingZeroCountBase, what)
  }
})

test('hdr-layout - bad parameters throw a RangeError naming the parameter', () => {
  assert.throws(() => hdrLayout(0, 100, 3), { name: 'RangeError', message: /^lowest/ })
  assert.throws(() => hdrLayout(1.5, 100, 3), { name: 'RangeError', message: /^lowest/ })
  assert.throws(() => hdrLayout(10, 19, 3), { name: 'RangeError', message: /^highest/ })
  assert.throws(() => hdrLayout(1, 2 ** 53, 3), { name: 'RangeError', message: /^highest/ })
  assert.throws(() => hdrLayout(1, Number.NaN, 3), { name: 'RangeError', message: /^highest/ })
  assert.throws(() => hdrLayout(1, 100, 6), { name: 'RangeError', message: /^digits/ })
  assert.throws(() => hdrLayout(1, 100, 2.5), { name: 'RangeError', message: /^digits/ })
})

test('hdr-layout - a layout is frozen', () => {
  const layout = hdrLayout(1, 1000, 2)
  assert.ok(Object.isFrozen(layout))
})

test('units - every unit has a default range that makes a valid layout', () => {
  assert.deepEqual(defaultRange('us'), { lowest: 1, highest: 3.6e9, digits: 3 })
  assert.deepEqual(defaultRange('ns'), { lowest: 1, highest: 3.6e12, digits: 3 })
  assert.deepEqual(defaultRange('ms'), { lowest: 1, highest: 3.6e6, digits: 3 })
  assert.deepEqual(defaultRange('s'), { lowest: 1, highest: 86_400, digits: 3 })
  assert.deepEqual(defaultRange('bytes'), { lowest: 1, highest: 2 ** 40, digits: 3 })
  assert.deepEqual(defaultRange('1'), { lowest: 1, highest: 2 ** 40, digits: 3 })
  for (const unit of UNITS) {
    const range = defaultRange(unit)
    assert.ok(hdrLayout(range.lowest, range.highest, range.digits).countsLength > 0)
  }
  defaultRange('us').highest = 1
  assert.equal(defaultRange('us').highest, 3.6e9, 'each call returns a fresh object')
})

/**
 * Values across the whole range of a layout: tiny ones, the edges of every
 * bucket and of powers of two (±3), log-uniform ones up to `highest`, ones
 * above 2^32 when the range reaches that far, and `highest` itself.
 */
function valuesFor(layout: ReturnType<typeof hdrLayout>, random: () => number, n: number): number[] {
  const { highest, subBucketCount, subBucketHalfCount, unitMagnitude } = layout
  const out = [0, 1, highest, highest - 1]
  const clampPush = (v: number) => {
    if (v >= 0 && v <= highest) out.push(v)
  }
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0:
        clampPush(Math.floor(random() * 4 * subBucketCount * 2 ** unitMagnitude))
        break
      case 1: {
        const edge =
          (random() < 0.5 ? subBucketCount : subBucketHalfCount) * 2 ** (unitMagnitude + Math.floor(random() * 54))
        clampPush(edge + Math.floor(random() * 7) - 3)
        break
      }
      case 2:
        clampPush(2 ** Math.floor(random() * 54) + Math.floor(random() * 7) - 3)
        break
      case 3:
        clampPush(Math.floor(Math.exp(random() * Math.log(highest))))
        break
      default:
        clampPush(Math.floor(2 ** 32 + random() * (highest - 2 ** 32)))
    }
  }
  return out
}

test('hdr-layout - property: countsIndex equals JsHistogram.countsArrayIndex across the whole range', () => {
  const random = mulberry32(0x5eed)
  let checked = 0
  for (const [lowest, highest, digits] of COMBOS) {
    const layout = hdrLayout(lowest, highest, digits)
    const js = jsHistogram(lowest, highest, digits)
    for (const v of valuesFor(layout, random, 400)) {
      const index = countsIndex(layout, v)
      assert.equal(index, js.countsArrayIndex(v), `value ${v}, lowest=${lowest} highest=${highest} digits=${digits}`)
      assert.ok(
        valueFromIndex(layout, index) <= v && v <= highestValueAtIndex(layout, index),
        `value ${v} in its index`,
      )
      checked++
    }
  }
  assert.ok(checked > 50_000, `${checked} values checked`)
})

test('hdr-layout - property: the recorder fast path lands every value on the JsHistogram index', () => {
  const random = mulberry32(42)
  for (const [lowest, highest, digits] of COMBOS) {
    const layout = hdrLayout(lowest, highest, digits)
    const values = valuesFor(layout, random, 200)
    const recorder = new HdrRecorder(layout, 0)
    const js = jsHistogram(lowest, highest, digits)
    const expected = new Map<number, number>()
    for (const v of values) {
      recorder.record(v)
      const index = js.countsArrayIndex(v)
      expected.set(index, (expected.get(index) ?? 0) + 1)
    }
    const { counts } = recorder.cut(1)
    const what = `lowest=${lowest} highest=${highest} digits=${digits}`
    for (const [index, count] of expected) assert.equal(counts[index], count, `${what} index ${index}`)
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      values.length,
      what,
    )
  }
})

test('hdr-layout - valueFromIndex equals JsHistogram.valueFromIndex for every index', () => {
  for (const [lowest, highest, digits] of [
    [1, 3.6e9, 3],
    [1000, 2 ** 40, 2],
    [2 ** 31, 2 ** 50, 1],
  ] as const) {
    const layout = hdrLayout(lowest, highest, digits)
    const js = jsHistogram(lowest, highest, digits)
    for (let i = 0; i < layout.countsLength; i++) {
      assert.equal(valueFromIndex(layout, i), js.valueFromIndex(i), `index ${i}`)
      assert.equal(highestValueAtIndex(layout, i), js.highestEquivalentValue(js.valueFromIndex(i)), `index ${i}`)
    }
  }
})
