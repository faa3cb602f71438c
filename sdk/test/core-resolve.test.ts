import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mulberry32 } from '../../test/helpers/random.js'
import {
  type DesiredState,
  LEVELS,
  type Level,
  levelFor,
  loggerMatches,
  type Rule,
  resolve,
} from '../src/core/index.js'

const who = { service: 'checkout', instance: 'pod-1' }
const NOW = 1_764_000_000_000

type RuleOpts = { logger?: string; instance?: string; level?: Level; createdAt?: number; expiresAt?: number }
function rule(id: string, o: RuleOpts = {}): Rule {
  const selector: Rule['selector'] = { service: 'checkout' }
  if (o.logger !== undefined) selector.logger = o.logger
  if (o.instance !== undefined) selector.instance = o.instance
  const r: Rule = { id, selector, level: o.level ?? 'debug', createdAt: o.createdAt ?? NOW - 1_000, author: 'ana' }
  if (o.expiresAt !== undefined) r.expiresAt = o.expiresAt
  return r
}
const state = (...rules: Rule[]): DesiredState => ({ service: 'checkout', rules })
/** The id of the rule deciding logger `name`, or 'code'. */
function winner(rules: Rule[], name: string): string {
  const { source } = levelFor(resolve(state(...rules), who, NOW), name, 'info')
  return source.kind === 'rule' ? source.rule.id : 'code'
}

test('resolve - a deeper logger pattern beats a shallower one, whatever their age', () => {
  const rules = [
    rule('db', { logger: 'db', createdAt: NOW - 1 }),
    rule('pool', { logger: 'db.pool', createdAt: NOW - 9 }),
  ]
  assert.equal(winner(rules, 'db.pool'), 'pool')
  assert.equal(winner(rules, 'db.pool.conn'), 'pool')
  assert.equal(winner(rules, 'db'), 'db')
  assert.equal(winner(rules, 'db.query'), 'db')
})

test('resolve - a rule without logger is the shallowest', () => {
  const rules = [rule('all', { createdAt: NOW - 1 }), rule('db', { logger: 'db', createdAt: NOW - 9 })]
  assert.equal(winner(rules, 'db'), 'db')
  assert.equal(winner(rules, 'http'), 'all')
  assert.equal(winner(rules, ''), 'all')
})

test('resolve - at equal depth a literal segment beats "*"', () => {
  const rules = [
    rule('star', { logger: '*.pool', createdAt: NOW - 1 }),
    rule('lit', { logger: 'db.pool', createdAt: NOW - 9 }),
    rule('stars', { logger: '*.*', createdAt: NOW - 1 }),
  ]
  assert.equal(winner(rules, 'db.pool'), 'lit')
  assert.equal(winner(rules, 'cache.pool'), 'star')
  assert.equal(winner(rules, 'cache.conn'), 'stars')
})

test('resolve - an instance-specific rule beats a service-wide one at equal logger depth', () => {
  const rules = [
    rule('wide', { logger: 'db', createdAt: NOW - 1 }),
    rule('mine', { logger: 'db', instance: 'pod-1', createdAt: NOW - 9 }),
  ]
  assert.equal(winner(rules, 'db'), 'mine')
})

test('resolve - logger depth outranks instance: a deeper service-wide rule beats a shallower instance rule', () => {
  const rules = [rule('mine', { logger: 'db', instance: 'pod-1' }), rule('wide', { logger: 'db.pool' })]
  assert.equal(winner(rules, 'db.pool'), 'wide')
  assert.equal(winner(rules, 'db.query'), 'mine')
})

test('resolve - the newer rule beats the older one, then the greater id', () => {
  assert.equal(winner([rule('old', { createdAt: NOW - 9 }), rule('new', { createdAt: NOW - 1 })], 'x'), 'new')
  assert.equal(winner([rule('b', { createdAt: NOW - 9 }), rule('a', { createdAt: NOW - 1 })], 'x'), 'a')
  assert.equal(winner([rule('a'), rule('b')], 'x'), 'b')
  assert.equal(winner([rule('b'), rule('a')], 'x'), 'b')
})

test('resolve - the order of rules is total: any input order gives the same result', () => {
  const rules = [
    rule('r1', { logger: 'db' }),
    rule('r2', { logger: 'db' }),
    rule('r3', { logger: '*.pool', instance: 'pod-1' }),
    rule('r4'),
    rule('r5', { logger: 'db', instance: 'pod-1', createdAt: NOW - 5_000 }),
  ]
  const expected = resolve(state(...rules), who, NOW)
  assert.deepEqual(
    expected.rules.map((r) => r.id),
    ['r3', 'r5', 'r2', 'r1', 'r4'],
  )
  for (const order of [
    [4, 3, 2, 1, 0],
    [2, 0, 4, 1, 3],
    [1, 4, 0, 3, 2],
  ]) {
    const shuffled = resolve(state(...order.map((i) => rules[i]!)), who, NOW)
    assert.deepEqual(shuffled.rules, expected.rules)
    assert.equal(shuffled.hash, expected.hash)
  }
})

test('resolve - does not reorder the state it is given', () => {
  const s = state(rule('a'), rule('b', { logger: 'db' }))
  resolve(s, who, NOW)
  assert.deepEqual(
    s.rules.map((r) => r.id),
    ['a', 'b'],
  )
})

test('loggerMatches - hierarchy by whole segments', () => {
  assert.equal(loggerMatches('db', 'db'), true)
  assert.equal(loggerMatches('db', 'db.pool'), true)
  assert.equal(loggerMatches('db', 'db.pool.conn'), true)
  assert.equal(loggerMatches('db', 'dbx'), false)
  assert.equal(loggerMatches('db', 'dbx.pool'), false)
  assert.equal(loggerMatches('db.pool', 'db'), false)
  assert.equal(loggerMatches('db', ''), false)
})

test('loggerMatches - a rule without logger covers every logger, the root included', () => {
  for (const name of ['', 'db', 'db.pool', 'http']) {
    assert.equal(loggerMatches(undefined, name), true, name)
    assert.equal(loggerMatches('', name), true, name)
  }
})

test('loggerMatches - "*" stands for exactly one segment', () => {
  assert.equal(loggerMatches('*.pool', 'db.pool'), true)
  assert.equal(loggerMatches('*.pool', 'cache.pool.x'), true)
  assert.equal(loggerMatches('*.pool', 'pool'), false)
  assert.equal(loggerMatches('*.pool', 'db.conn'), false)
  assert.equal(loggerMatches('*', 'anything.below'), true)
  assert.equal(loggerMatches('*', ''), false)
})

test('resolve - an expired rule is ignored; expiresAt 0 or absent never expires', () => {
  const rules = [
    rule('gone', { logger: 'db', expiresAt: NOW, level: 'trace' }),
    rule('later', { logger: 'db', expiresAt: NOW + 1, createdAt: NOW - 5_000 }),
    rule('zero', { logger: 'http', expiresAt: 0 }),
    rule('never', { logger: 'cache' }),
  ]
  const config = resolve(state(...rules), who, NOW)
  assert.deepEqual(config.rules.map((r) => r.id).sort(), ['later', 'never', 'zero'])
  assert.equal(levelFor(config, 'db', 'info').level, 'debug')
  assert.equal(
    resolve(state(...rules), who, NOW + 1).rules.some((r) => r.id === 'later'),
    false,
  )
})

test('resolve - nextExpiryAt is the earliest expiry of the applicable rules', () => {
  const config = resolve(
    state(
      rule('a', { logger: 'a', expiresAt: NOW + 5_000 }),
      rule('b', { logger: 'b', expiresAt: NOW + 2_000 }),
      rule('c', { logger: 'c', expiresAt: 0 }),
      rule('past', { logger: 'd', expiresAt: NOW - 1 }),
      rule('other', { logger: 'e', instance: 'pod-2', expiresAt: NOW + 10 }),
    ),
    who,
    NOW,
  )
  assert.equal(config.nextExpiryAt, NOW + 2_000)
  assert.equal('nextExpiryAt' in resolve(state(rule('c', { expiresAt: 0 })), who, NOW), false)
})

test('resolve - rules for another instance or service are ignored', () => {
  const foreign = { ...rule('svc', { level: 'trace' }), selector: { service: 'payments' } }
  const config = resolve(state(rule('other', { instance: 'pod-2', level: 'trace' }), foreign), who, NOW)
  assert.deepEqual(config.rules, [])
  assert.deepEqual(levelFor(config, 'db', 'warn'), { level: 'warn', source: { kind: 'code' } })
})

test('levelFor - code levels apply hierarchically, below every rule', () => {
  const code = new Map<string, Level>([
    ['db', 'debug'],
    ['db.pool', 'error'],
  ])
  const none = resolve(undefined, who, NOW)
  assert.equal(levelFor(none, 'db', 'info', code).level, 'debug')
  assert.equal(levelFor(none, 'db.query', 'info', code).level, 'debug')
  assert.equal(levelFor(none, 'db.pool.conn', 'info', code).level, 'error')
  assert.equal(levelFor(none, 'dbx', 'info', code).level, 'info')
  assert.equal(levelFor(none, '', 'info', code).level, 'info')
  assert.deepEqual(levelFor(none, 'db.pool', 'info', code).source, { kind: 'code' })
  const root = resolve(state(rule('all', { level: 'warn' })), who, NOW)
  assert.equal(levelFor(root, 'db.pool', 'info', code).level, 'warn', 'a root rule beats a deeper code level')
  assert.equal(levelFor(root, 'db.pool', 'info', code).source.kind, 'rule')
})

test('resolve - config hash is equal for equal rule sets and changes with a level or an expiry', () => {
  const a = resolve(state(rule('r1', { logger: 'db' }), rule('r2')), who, NOW, 3)
  const b = resolve(state(rule('r2'), rule('r1', { logger: 'db' })), who, NOW, 9)
  assert.match(a.hash, /^[0-9a-f]{8}$/)
  assert.equal(a.hash, b.hash, 'same rules, other order and revision')
  assert.notEqual(resolve(state(rule('r1', { logger: 'db', level: 'warn' }), rule('r2')), who, NOW).hash, a.hash)
  assert.notEqual(resolve(state(rule('r1', { logger: 'db', expiresAt: NOW + 9 }), rule('r2')), who, NOW).hash, a.hash)
  assert.equal(resolve(undefined, who, NOW).hash, resolve(state(), who, NOW).hash)
  assert.notEqual(resolve(undefined, who, NOW).hash, a.hash)
})

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T
const SEGMENTS = ['db', 'pool', 'http', 'x']
const path = (rnd: () => number, depth: number, star: boolean) =>
  Array.from({ length: depth }, () => (star && rnd() < 0.3 ? '*' : pick(rnd, SEGMENTS))).join('.')

function refMatches(pattern: string | undefined, name: string): boolean {
  if (!pattern) return true
  const want = pattern.split('.')
  const have = name === '' ? [] : name.split('.')
  return have.length >= want.length && want.every((seg, i) => seg === '*' || seg === have[i])
}
function refKey(r: Rule): [number, number, number, number] {
  const segs = r.selector.logger ? r.selector.logger.split('.') : []
  return [segs.length, segs.filter((s) => s !== '*').length, r.selector.instance ? 1 : 0, r.createdAt]
}
function ranksAbove(a: Rule, b: Rule): boolean {
  const ka = refKey(a)
  const kb = refKey(b)
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) > (kb[i] as number)
  return a.id > b.id
}

test('levelFor - property: the deciding rule matches, applies, and no matching rule ranks above it', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const rnd = mulberry32(seed)
    const rules: Rule[] = Array.from({ length: Math.floor(rnd() * 12) }, (_, i) => {
      const depth = Math.floor(rnd() * 4)
      return rule(`r${Math.floor(rnd() * 1_000)}x${i}`, {
        logger: depth === 0 ? undefined : path(rnd, depth, true),
        instance: pick(rnd, [undefined, undefined, 'pod-1', 'pod-2']),
        level: pick(rnd, LEVELS),
        createdAt: NOW - Math.floor(rnd() * 3) * 1_000,
        expiresAt: pick(rnd, [undefined, 0, NOW - 1, NOW, NOW + 1, NOW + 60_000]),
      })
    })
    const code = new Map<string, Level>(rnd() < 0.5 ? [[path(rnd, 1, false), pick(rnd, LEVELS)]] : [])
    const config = resolve(state(...rules), who, NOW)
    const applies = (r: Rule) =>
      (r.selector.instance === undefined || r.selector.instance === 'pod-1') &&
      !(r.expiresAt !== undefined && r.expiresAt > 0 && r.expiresAt <= NOW)
    const expiries = rules
      .filter(applies)
      .map((r) => r.expiresAt ?? 0)
      .filter((e) => e > 0)
    assert.equal(config.nextExpiryAt, expiries.length ? Math.min(...expiries) : undefined, `seed ${seed}`)
    for (let n = 0; n < 8; n++) {
      const name = path(rnd, Math.floor(rnd() * 5), false)
      const got = levelFor(config, name, 'info', code)
      const candidates = rules.filter((r) => applies(r) && refMatches(r.selector.logger, name))
      const where = `seed ${seed}, logger "${name}"`
      if (candidates.length === 0) {
        assert.equal(got.source.kind, 'code', where)
        const first = name.split('.')[0] as string
        assert.equal(got.level, (name !== '' && code.get(first)) || 'info', where)
        continue
      }
      assert.equal(got.source.kind, 'rule', where)
      const chosen = got.source.kind === 'rule' ? got.source.rule : (undefined as never)
      assert.ok(candidates.includes(chosen), `${where}: the chosen rule must match and apply`)
      assert.equal(got.level, chosen.level, where)
      const better = candidates.find((r) => r !== chosen && ranksAbove(r, chosen))
      assert.equal(better, undefined, `${where}: ${better?.id} ranks above ${chosen.id}`)
    }
  }
})
