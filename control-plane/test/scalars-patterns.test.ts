import assert from 'node:assert/strict'
import { test } from 'node:test'
import { patternsOverlap } from '../src/scalars/index.js'

test('scalars-patterns - a capture pattern could cover a filter pattern when some name matches both', () => {
  const yes: Array<[string, string]> = [
    ['**', 'orders.placed'],
    ['orders.**', 'orders.*'],
    ['orders.*', 'orders.placed'],
    ['*.placed', 'orders.*'],
    ['orders.**', 'orders'],
    ['a.**', '*.b.**'],
  ]
  const no: Array<[string, string]> = [
    ['orders.**', 'queue.*'],
    ['orders.*', 'orders.placed.eu'],
    ['orders.placed', 'orders.failed'],
    ['a.b.**', 'a'],
  ]
  for (const [a, b] of yes) {
    assert.equal(patternsOverlap(a, b), true, `${a} / ${b}`)
    assert.equal(patternsOverlap(b, a), true, `${b} / ${a}`)
  }
  for (const [a, b] of no) {
    assert.equal(patternsOverlap(a, b), false, `${a} / ${b}`)
    assert.equal(patternsOverlap(b, a), false, `${b} / ${a}`)
  }
})
