import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  describeZodError,
  levelFor,
  metricMatches,
  metricPatternProblem,
  Rule,
  RuleSpec,
  resolve,
} from '../src/core/index.js'

test('metric patterns - * is one segment, a trailing ** any number', () => {
  assert.equal(metricMatches('http.server.duration', 'http.server.duration'), true)
  assert.equal(metricMatches('http.server.duration', 'http.server.duration.root.2xx'), false)
  assert.equal(metricMatches('http.*', 'http.server'), true)
  assert.equal(metricMatches('http.*', 'http.server.duration'), false)
  assert.equal(metricMatches('http.**', 'http.server.duration.cart-id.2xx'), true)
  assert.equal(metricMatches('http.**', 'http'), true)
  assert.equal(metricMatches('http.**', 'https.x'), false)
  assert.equal(metricMatches('*.query.duration', 'db.query.duration'), true)
  assert.equal(metricMatches('**', 'anything.at.all'), true)
})

test('metric patterns - invalid ones are refused with the reason', () => {
  assert.equal(metricPatternProblem('http.**'), undefined)
  assert.equal(metricPatternProblem('**'), undefined)
  assert.match(metricPatternProblem('http.**.x') ?? '', /trailing/)
  assert.match(metricPatternProblem('http server') ?? '', /segments/)
  assert.match(metricPatternProblem('http.>') ?? '', /segments/)
  assert.match(metricPatternProblem('') ?? '', /empty/)
})

const base = { id: 'c-1', selector: { service: 'checkout' }, createdAt: 1, author: 'me' }

test('capture rules - exactly one action, whole-second intervals, no logger', () => {
  assert.equal(Rule.safeParse({ ...base, capture: { metric: 'http.**', intervalMs: 1_000 } }).success, true)
  const both = Rule.safeParse({ ...base, level: 'debug', capture: { metric: 'http.**', intervalMs: 1_000 } })
  assert.equal(both.success, false)
  assert.match(describeZodError(both.error!), /exactly one action/)
  const none = Rule.safeParse({ ...base })
  assert.match(describeZodError(none.error!), /exactly one action/)
  const fraction = RuleSpec.safeParse({ selector: base.selector, capture: { metric: 'x', intervalMs: 1_500 } })
  assert.match(describeZodError(fraction.error!), /capture\.intervalMs: must be whole seconds/)
  const fast = RuleSpec.safeParse({ selector: base.selector, capture: { metric: 'x', intervalMs: 100 } })
  assert.match(describeZodError(fast.error!), /capture\.intervalMs/)
  const logger = RuleSpec.safeParse({
    selector: { service: 'checkout', logger: 'db' },
    capture: { metric: 'x', intervalMs: 1_000 },
  })
  assert.match(describeZodError(logger.error!), /selector\.logger: a capture selects metrics/)
})

test('resolve - capture rules are listed newest first and never set a level', () => {
  const rules = [
    { ...base, id: 'c-old', capture: { metric: 'a', intervalMs: 1_000 }, createdAt: 1 },
    { ...base, id: 'c-new', capture: { metric: 'b', intervalMs: 2_000 }, createdAt: 5 },
    {
      ...base,
      id: 'c-other',
      selector: { service: 'checkout', instance: 'other' },
      capture: { metric: 'c', intervalMs: 1_000 },
    },
    { ...base, id: 'l-1', level: 'debug' as const, createdAt: 3 },
  ]
  const config = resolve({ service: 'checkout', rules }, { service: 'checkout', instance: 'me' }, 10)
  assert.deepEqual(
    config.captures.map((r) => r.id),
    ['c-new', 'c-old'],
  )
  const level = levelFor(config, 'db', 'info')
  assert.equal(level.level, 'debug')
  assert.equal(level.source.kind === 'rule' && level.source.rule.id, 'l-1')
})

test('resolve - an expired capture is gone and the hash changes with a capture', () => {
  const capture = { ...base, capture: { metric: 'a', intervalMs: 1_000 }, expiresAt: 100 }
  const who = { service: 'checkout', instance: 'me' }
  assert.equal(resolve({ service: 'checkout', rules: [capture] }, who, 50).captures.length, 1)
  assert.equal(resolve({ service: 'checkout', rules: [capture] }, who, 100).captures.length, 0)
  const empty = resolve({ service: 'checkout', rules: [] }, who, 50)
  assert.notEqual(resolve({ service: 'checkout', rules: [capture] }, who, 50).hash, empty.hash)
})
