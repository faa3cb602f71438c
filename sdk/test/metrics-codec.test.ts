import assert from 'node:assert/strict'
import { test } from 'node:test'
import { deflateSync, inflateSync } from 'node:zlib'
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type JsHistogram } from 'hdr-histogram-js'
import { mulberry32 } from '../../test/helpers/random.js'
import {
  decodeHdr,
  emptyLike,
  encodeCounts,
  encodeHdr,
  HdrDecodeError,
  HdrRecorder,
  hdrLayout,
  mergeInto,
  summarize,
  toHdrHistogram,
} from '../src/metrics/index.js'

const US = hdrLayout(1, 3.6e9, 3)

/** Latency-like values (µs): mostly 0.4–20 ms, a 1 % tail up to minutes. */
function latencies(random: () => number, n: number): number[] {
  return Array.from({ length: n }, () =>
    Math.min(US.highest, Math.floor(Math.exp(6 + random() * 4 + (random() < 0.01 ? random() * 8 : 0)))),
  )
}

function recorded(values: readonly number[], layout = US): JsHistogram {
  const recorder = new HdrRecorder(layout, 0)
  for (const v of values) recorder.record(v)
  return toHdrHistogram(layout, recorder.cut(1_000)) as JsHistogram
}

function assertSameCounts(actual: JsHistogram, expected: JsHistogram, what = ''): void {
  const length = Math.max(actual.countsArrayLength, expected.countsArrayLength)
  for (let i = 0; i < length; i++) {
    assert.equal(actual.getCountAtIndex(i) ?? 0, expected.getCountAtIndex(i) ?? 0, `${what} [${i}]`)
  }
  assert.equal(actual.totalCount, expected.totalCount, what)
}

/** HdrHistogram (Java) encodings, from hdr-histogram-js's test suite: 42 once, and 10,000 values. */
const JAVA_42 = 'HISTFAAAAB542pNpmSzMwMDAxAABzFCaEUoz2X+AMIKZAEARAtM='
const JAVA_10K = [
  'HISTFAAACGB42j1WQY4cuRGks7KzWWwOh1NTGo1GEmzBWCx0EAxjsdiTsdiTD4ZPfoa/4R/4o/7BOiKSrWnNVBWLzIyMiMzWp//8',
  '97mUA7/62db1D/n3999//V8umBW74POTPds7+4In2/xq722zv9huj/bRbvZH+2oPdrV3vtu//AOeP9if8Ra7H7DlhlcPePyo+w1x',
  'rrh+84uZFzd7QkyEL/ZXJPgN295jC5bsii0FN084/BXXDQH+jqPMlhn5eYf1D/beb9h7BdSfseMJGG5C94h3BRFveibyZ9x9wR1K',
  'eaebR0P8J/vVfsCbHevv7DOxPxt2/1MrLOQz3j8BH2DjhOHpA/ZfEILRWaD9bZHyb7z60X6xRxByMzxsQEJsCPlNoP/BFI849WQP',
  '/iy+cHJHqG+4veIAWcf+DQ9Y51MRBRueHlRqEbOPXqQR74Ec28Dab9pseLpqI7na/bPCPuBz0xskIIAvUqVIpQdTcr7/Afje68RH',
  'pPwsBrXnUYE3UVy0AYubljZTggshU+gdlTHej6iyJEfXuOb+B51wcXdbzD/yaFkQNn+fXnHBY7In5Sgi4wb34IYciy83hbxSG/pJ',
  'Fipa+VnByeJXFMPD0pQMoUTc+i3BExV+bgKa98WYHqk2GnaH+bPg3Xl8X9AEZpcI4qCsDx/9kpfMWJyG3Xz3PQGWDI88N2myqfh1',
  'c9H10XQT4qoI1E19uC87cKMLtS2byDWs3u6Qnlyet7gqYvHtTnWaKXndXBZ6oo2IGJTnywxyuT/tstx+p2ZTBQKQql6F67ogJCWX',
  'xO4cIrhcJfwui1ouMTInwc1vi8RLtSUuJarJNYtGjgcpuPuDcHBgMMQqyiwZUF0C4ImHhRehVqurp7w0npbmm2yllFTJXEJv3wNJ',
  'L/LEQlYxFw9bei3hmY9oWJO70goSLxpr3q+22EhF434Sa/i58M+yTSKGdHYJW6aETlouZMIyrSbqCgd6N6DyBJ3q4TUmLlNuUcJZ',
  'oTasfmAtSLBpLssdC96+ig9Cu3PKZ0/RNZsyENkDXiZOrusmWXYcjs2yjbDX9ljQfV3ijoMPvEbiJvOeTIGRO0OXO5ll1U6W2bqh',
  'AsDelenq9/Zy+dnVAQv5fudVfUcAG15gGFRGvvrVy3cmNqa+eIlkZbkT7ighNrZEcwmtMaQno241JTed3URhOuOSE6wsDRapRVnF',
  'hpJdkxZfv3GLrJqu5LZLLi+XpOfFaRISd19d6BkMlmBcNOxW0zmF5odgllbO/lCxPEKDkP9lVjKULpF/WEXdeA1lYo3A3oSYXIa4',
  'KLWwQZitlaixpfXYzniV6nPbQDaPKIIu/SuTBk7JuVhWJJcXeSi80hQMmbTLh7Ws0qsoRIoadRNFZBY5NtoxP3jp6kjiR8BNdTFb',
  'LNRllIj8ErLOgcDV7qsXbKu0SFSK4FU80l7Yhr2DrHNjIAvh8FUGcxqDYlovqiPVCiXfKhfUcNnAcpHUjNWGjZi5iUiT3bpVYKuc',
  'A0TM7S5QVWR6PkjCFBx7OuGRIzFcazgUwraS/sk6inedzENVRZnc0XL0izNrOKxQauPm3tgfqC2p1SqtxgQkpLgaTtR7qIPYghHi',
  'hqe6NAhbLROaYT2/yJxKcJAJag67xn/6b6UgBtNHzcmH9Y7LgFTf86nRYCCqKiOrmODpyFlrpsKjKX3AayLK6OKarcUnrJckOKk3',
  'fW14fgWsdg0NsEySspJnygVIta7h17Nn2cClVc+5Fzp5SW9KQBJZt/Wl4voGoys13gsNjinMmu8y0lhdfLC1kgA1cLBdOoEnj9Sb',
  '2hVrfcIPECO8NfwB791rZ19RZ+yLjmrxjH9QrEPo5r0Ovnd2HQ4OvBit19oqtanRkL2hyOqNkwgP2BzHydZG5CYhu0yGfYFzzkFS',
  'OzB1Grnxq9GzE7ypsfxAFmIYDdfRG9gEUCTD+8ZJAHlG57CAnEgCCqczdMhvAFVUGRAP49xoqBr4bVLNNg2BmiplOoQFPsZ2nOnY',
  'xWZrfQBhVIwG1FZZFT5HdxWrTgweZm/JiCgV25kMEQfrl68rVUECyhTE3CIdELwJze0u0jgrrHfOCrgaK9hdR0eGMch+JXGpTggN',
  'zkKIThVqBVCUNBobodN+YAqFkUGUCUt0Dg5ALNNGdjwq5ixpnXVoevAAqGM0mgtniDlG5Zxx6HcGItlI7G1SyANyAQDVBFZYhFTi',
  'yhkMX1XBBY+9I2/OMucIxhYaAh+EmVg2+ik/eGO0Jzgg1Zw++iJBgEpWcGl10sUqFw6hd+vp+S0xOHIqC5fGrRIRq0IxTUZtloyD',
  'I9aP8kagP6fmk/us9HEos4YEzrEOCk1BWBtkYk6OXKObwHgMfN81sVnpdliHDPKLDnoWGRJGiK4xPzhjKruu9UYpQYh6ASv0lbe0',
  'DOdX6ayAmNEkyFoLv7JoQH6o/+CDoS3xt5wqjSpJhHjtjZr1OCA+Ys5ZDzYx/DL6iI4eG8dr6bOPA7hnbccc53gbPNJHqzgx5zE6',
  '/ImJQKMN3OFYe5mQ9qxv/RyvzY854QpIM/AX2/w8xoluoETnnONtvowxZjuPjiLbS61vwydCAu4x2tlfz47U3A75zonNmEHgZbzM',
  '3pAIaNuJQYbFMY8GaMjjAyv1PNtLf208c87XPlBEsLVeZ5/HGfWIAwyjodoJwmYMR6HH2SfcVnGnsYbTfPiENP316K8Dr8+K4hpI',
  'gdlHBUdgox3jBSk6K0YP9qMBzZzRX0CQgwTYPXBw1IHCQDLeI1kDG/0E0nqOA5+O8EA+XhFytKO1E5MJlZ4dvNY5zzpeHFkhH9K8',
  'sS/npFjIZZ8aM4e/NGjUx/BjvCHA0QnkBTHwFqGO2Y+jw24T0rNF/oT3/Zx06P8BChhtKw==',
].join('')

/** The uncompressed V2 payload inside compressed bytes. */
function inflated(bytes: Uint8Array): Buffer {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return inflateSync(bytes.subarray(8, 8 + view.getInt32(4)))
}

test('hdr-codec - encode then decode keeps every count', () => {
  const h = recorded(latencies(mulberry32(1), 50_000))
  assertSameCounts(decodeHdr(encodeHdr(h)) as JsHistogram, h)
  const empty = recorded([])
  assert.equal(decodeHdr(encodeHdr(empty)).totalCount, 0)
  const big = toHdrHistogram(US, {
    counts: new Float64Array(US.countsLength).fill(2 ** 40, 100, 103),
    startMs: 0,
    endMs: 1,
  })
  const back = decodeHdr(encodeHdr(big)) as JsHistogram
  assertSameCounts(back, big as JsHistogram, 'counts above 2^32')
  assert.equal(back.totalCount, 3 * 2 ** 40)
  const huge = recorded([1, 2 ** 52, Number.MAX_SAFE_INTEGER], hdrLayout(1, Number.MAX_SAFE_INTEGER, 5))
  assertSameCounts(decodeHdr(encodeHdr(huge)) as JsHistogram, huge, 'the largest layout (5 digits, 2^53)')
})

test('hdr-codec - encodeCounts writes the same bytes as encodeHdr of toHdrHistogram', () => {
  const recorder = new HdrRecorder(US, 0)
  for (const v of latencies(mulberry32(8), 10_000)) recorder.record(v)
  const interval = recorder.cut(1)
  assert.deepEqual(encodeCounts(US, interval.counts), encodeHdr(toHdrHistogram(US, interval)))
  const empty = new Float64Array(US.countsLength)
  assert.deepEqual(encodeCounts(US, empty), encodeHdr(toHdrHistogram(US, { counts: empty, startMs: 0, endMs: 0 })))
  assert.throws(() => encodeCounts(US, new Float64Array(5)), RangeError)
})

test('hdr-codec - hdr-histogram-js reads these bytes, and its encodings decode here', () => {
  const h = recorded(latencies(mulberry32(2), 20_000))
  const theirs = decodeFromCompressedBase64(Buffer.from(encodeHdr(h)).toString('base64'), 64) as JsHistogram
  assertSameCounts(theirs, h, 'read by hdr-histogram-js')
  const js = build({ bitBucketSize: 32, useWebAssembly: false, highestTrackableValue: US.highest })
  for (const v of latencies(mulberry32(3), 20_000)) js.recordValue(v)
  const ours = decodeHdr(Buffer.from(encodeIntoCompressedBase64(js), 'base64'))
  assertSameCounts(ours as JsHistogram, js as JsHistogram, 'written by hdr-histogram-js')
  for (const q of [50, 99, 99.9, 100]) assert.equal(ours.getValueAtPercentile(q), js.getValueAtPercentile(q))
})

test('hdr-codec - decodes Java HdrHistogram encodings and re-encodes them byte for byte', () => {
  const fortyTwo = Buffer.from(JAVA_42, 'base64')
  const h = decodeHdr(fortyTwo)
  assert.equal(h.totalCount, 1)
  assert.equal(h.mean, 42)
  assert.deepEqual(inflated(encodeHdr(h)), inflated(fortyTwo))
  const tenK = Buffer.from(JAVA_10K, 'base64')
  const big = decodeHdr(tenK)
  assert.equal(big.totalCount, 10_000)
  assertSameCounts(big as JsHistogram, decodeFromCompressedBase64(JAVA_10K, 64) as JsHistogram)
  assert.deepEqual(inflated(encodeHdr(big)), inflated(tenK), 'same header and counts words as Java')
})

test('hdr-codec - merging three instances equals the histogram of the union of their values', () => {
  const random = mulberry32(4)
  const parts = [latencies(random, 30_000), latencies(random, 5_000), latencies(random, 12_345)]
  const merged = emptyLike(recorded([]))
  for (const values of parts) mergeInto(merged, decodeHdr(encodeHdr(recorded(values))))
  const union = recorded(parts.flat())
  assertSameCounts(merged as JsHistogram, union)
  for (const q of [0, 10, 50, 90, 99, 99.9, 99.99, 100]) {
    assert.equal(merged.getValueAtPercentile(q), union.getValueAtPercentile(q), `p${q}`)
  }
  assert.equal(merged.maxValue, union.maxValue)
  assert.equal(merged.minNonZeroValue, union.minNonZeroValue)
})

test('hdr-codec - mergeInto takes a histogram of a wider range: the target grows', () => {
  const target = recorded([10, 20, 30])
  const wide = recorded([40, 2 ** 38], hdrLayout(1, 2 ** 40, 3))
  mergeInto(target, wide)
  assert.equal(target.totalCount, 5)
  assert.equal(target.getCountAtIndex(target.countsArrayIndex(2 ** 38)), 1)
  assert.equal(target.getCountAtIndex(target.countsArrayIndex(40)), 1)
  assert.ok(target.getValueAtPercentile(100) >= 2 ** 38)
})

test('hdr-codec - emptyLike has the same parameters and no counts', () => {
  const h = recorded([5, 6, 7], hdrLayout(8, 2 ** 40, 2))
  const empty = emptyLike(h) as JsHistogram
  assert.equal(empty.totalCount, 0)
  assert.equal(empty.lowestDiscernibleValue, 8)
  assert.equal(empty.highestTrackableValue, 2 ** 40)
  assert.equal(empty.numberOfSignificantValueDigits, 2)
  assert.equal(empty.countsArrayLength, (h as JsHistogram).countsArrayLength)
})

test('hdr-codec - decodeHdr rejects garbage, truncations and corruptions with HdrDecodeError, never hangs', () => {
  const random = mulberry32(5)
  const valid = encodeHdr(recorded(latencies(random, 2_000)))
  const payload = inflated(valid)
  const started = Date.now()
  let rejected = 0
  for (let i = 0; i < 1_000; i++) {
    let input: Uint8Array
    switch (i % 4) {
      case 0: // random bytes, sometimes behind a valid cookie
        input = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256))
        if (i % 8 === 0 && input.length >= 4) input.set(valid.subarray(0, 4))
        break
      case 1: // a truncated valid encoding
        input = valid.subarray(0, Math.floor(random() * valid.length))
        break
      case 2: // a valid encoding with random bytes flipped
        input = Uint8Array.from(valid)
        for (let k = 0; k < 3; k++) input[Math.floor(random() * input.length)] = Math.floor(random() * 256)
        break
      default: {
        // a well-compressed payload with a corrupt header or counts: reaches the V2 parser
        const bad = Uint8Array.from(payload)
        const at = random() < 0.5 ? Math.floor(random() * 40) : 40 + Math.floor(random() * (bad.length - 40))
        bad[at] = Math.floor(random() * 256)
        input = compressed(random() < 0.2 ? bad.subarray(0, Math.floor(random() * bad.length)) : bad)
      }
    }
    try {
      decodeHdr(input)
    } catch (err) {
      assert.ok(err instanceof HdrDecodeError, `input ${i}: ${(err as Error).stack}`)
      assert.equal(err.code, 'PB_HDR_DECODE')
      rejected++
    }
  }
  assert.ok(rejected > 500, `${rejected} of 1000 rejected`)
  assert.ok(Date.now() - started < 30_000)
})

/** Wraps an uncompressed V2 payload the way encodeHdr does. */
function compressed(payload: Uint8Array): Uint8Array {
  const body = deflateSync(payload)
  const out = new Uint8Array(8 + body.length)
  const view = new DataView(out.buffer)
  view.setInt32(0, 0x1c849314)
  view.setInt32(4, body.length)
  out.set(body, 8)
  return out
}

test('hdr-codec - decodeHdr refuses headers it cannot bound and payloads that inflate past 64 MB', () => {
  const payload = inflated(encodeHdr(recorded([1, 2, 3])))
  const withHeader = (edit: (view: DataView) => void) => {
    const copy = Uint8Array.from(payload)
    edit(new DataView(copy.buffer))
    return compressed(copy)
  }
  assert.throws(() => decodeHdr(withHeader((v) => v.setInt32(12, 9))), { code: 'PB_HDR_DECODE', message: /digits/ })
  assert.throws(() => decodeHdr(withHeader((v) => v.setUint32(16, 0x10000000))), {
    code: 'PB_HDR_DECODE',
    message: /lowest/,
  })
  assert.throws(() => decodeHdr(withHeader((v) => v.setInt32(4, 1_000_000))), {
    code: 'PB_HDR_DECODE',
    message: /payload length/,
  })
  const cut = Uint8Array.from(payload)
  cut[cut.length - 1]! |= 0x80 // the last count word claims another byte
  assert.throws(() => decodeHdr(compressed(cut)), { code: 'PB_HDR_DECODE', message: /truncated count/ })
  // Java's "no bound" highest (Long.MAX_VALUE) is tracked up to 2^53 instead.
  const unbounded = decodeHdr(withHeader((v) => v.setBigUint64(24, 2n ** 63n - 1n)))
  assert.equal(unbounded.totalCount, 3)
  const bomb = new Uint8Array(70 * 1024 * 1024)
  bomb.set(payload.subarray(0, 40))
  assert.throws(() => decodeHdr(compressed(bomb)), { code: 'PB_HDR_DECODE', message: /inflate/ })
})

test('hdr-codec - summarize gives count, min, max, mean, default percentiles and log buckets summing to count', () => {
  const values = latencies(mulberry32(6), 10_000)
  const h = recorded(values)
  const summary = summarize(h)
  assert.equal(summary.count, 10_000)
  assert.equal(summary.min, h.lowestEquivalentValue(Math.min(...values)))
  assert.equal(summary.max, h.highestEquivalentValue(Math.max(...values)))
  assert.equal(summary.mean, h.mean)
  assert.deepEqual(
    summary.percentiles.map((p) => p.quantile),
    [0.5, 0.9, 0.99, 0.999, 0.9999, 1],
  )
  for (const p of summary.percentiles) assert.equal(p.value, h.getValueAtPercentile(p.quantile * 100))
  assert.ok(summary.buckets.length >= 15 && summary.buckets.length <= 20, `${summary.buckets.length} buckets`)
  assert.equal(
    summary.buckets.reduce((a, b) => a + b.count, 0),
    10_000,
  )
  for (let i = 1; i < summary.buckets.length; i++) assert.ok(summary.buckets[i]!.le > summary.buckets[i - 1]!.le)
  assert.equal(summary.buckets.at(-1)!.le, summary.max)
  const below = values.filter((v) => v <= summary.buckets[0]!.le).length
  assert.equal(summary.buckets[0]!.count, below, 'the first bucket holds the values up to its edge')
})

test('hdr-codec - summarize of an empty histogram, a single value, and custom options', () => {
  assert.deepEqual(summarize(recorded([]), { quantiles: [0.5] }), {
    count: 0,
    min: 0,
    max: 0,
    mean: 0,
    percentiles: [{ quantile: 0.5, value: 0 }],
    buckets: [],
  })
  const one = summarize(recorded([7, 7, 7]), { buckets: 5 })
  assert.deepEqual(one.buckets, [{ le: 7, count: 3 }])
  const few = summarize(recorded(latencies(mulberry32(7), 1_000)), { buckets: 4, quantiles: [0, 1] })
  assert.equal(few.buckets.length, 4)
  assert.deepEqual(
    few.percentiles.map((p) => p.quantile),
    [0, 1],
  )
  assert.throws(() => summarize(recorded([1]), { quantiles: [1.5] }), RangeError)
})
