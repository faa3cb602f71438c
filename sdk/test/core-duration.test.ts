import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatDuration, parseDuration } from '../src/core/index.js'

test('parseDuration - single units', () => {
  assert.equal(parseDuration('500ms'), 500)
  assert.equal(parseDuration('15s'), 15_000)
  assert.equal(parseDuration('15m'), 900_000)
  assert.equal(parseDuration('1h'), 3_600_000)
  assert.equal(parseDuration('2d'), 172_800_000)
})

test('parseDuration - compound durations add up', () => {
  assert.equal(parseDuration('1h30m'), 5_400_000)
  assert.equal(parseDuration('1d2h3m4s5ms'), 86_400_000 + 7_200_000 + 180_000 + 4_000 + 5)
  assert.equal(parseDuration('1m30s'), 90_000)
})

test('parseDuration - "m" is minutes and "ms" milliseconds', () => {
  assert.equal(parseDuration('5m'), 300_000)
  assert.equal(parseDuration('5ms'), 5)
  assert.equal(parseDuration('1m5ms'), 60_005)
})

test('parseDuration - decimals are allowed', () => {
  assert.equal(parseDuration('1.5s'), 1_500)
  assert.equal(parseDuration('0.5h'), 1_800_000)
})

test('parseDuration - a bare number is milliseconds', () => {
  assert.equal(parseDuration('250'), 250)
  assert.equal(parseDuration('0'), 0)
})

test('parseDuration - surrounding whitespace is ignored', () => {
  assert.equal(parseDuration('  15s\n'), 15_000)
})

test('parseDuration - text that is not a duration gives undefined', () => {
  for (const text of [
    '',
    '   ',
    '5x',
    'm5',
    '1h-',
    '-5s',
    '1.5',
    's',
    '5 s',
    '1h 30m',
    '5mm',
    '.5s',
    '1e3',
    'abc',
    '15S',
  ]) {
    assert.equal(parseDuration(text), undefined, JSON.stringify(text))
  }
})

test('parseDuration - a bad suffix after a good part does not keep the good part', () => {
  assert.equal(parseDuration('15m!'), undefined)
  assert.equal(parseDuration('15mfoo'), undefined)
})

test('parseDuration - is reentrant across calls (no state left in the sticky regex)', () => {
  assert.equal(parseDuration('1h-'), undefined)
  assert.equal(parseDuration('2s'), 2_000)
  assert.equal(parseDuration('m5'), undefined)
  assert.equal(parseDuration('3m'), 180_000)
})

test('formatDuration - compact forms', () => {
  assert.equal(formatDuration(0), '0ms')
  assert.equal(formatDuration(500), '500ms')
  assert.equal(formatDuration(1_500), '1.5s')
  assert.equal(formatDuration(15_000), '15s')
  assert.equal(formatDuration(900_000), '15m')
  assert.equal(formatDuration(5_400_000), '1h30m')
  assert.equal(formatDuration(172_800_000), '2d')
  assert.equal(formatDuration(90_061_000), '1d1h1m1s')
})

test('formatDuration - output parses back to the same milliseconds', () => {
  for (const ms of [0, 1, 999, 1_000, 1_500, 59_000, 60_000, 90_000, 3_600_000, 5_400_000, 86_400_000, 90_061_000]) {
    assert.equal(parseDuration(formatDuration(ms)), ms, `${ms} → ${formatDuration(ms)}`)
  }
})
