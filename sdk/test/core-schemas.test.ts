import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { z } from 'zod'
import {
  DesiredState,
  describeZodError,
  firstZodPath,
  MAX_RULES_PER_SERVICE,
  MAX_TTL_MS,
  Rule,
  RuleSpec,
} from '../src/core/index.js'

const rule = (over: Record<string, unknown> = {}) => ({
  id: 'r1',
  selector: { service: 'checkout', logger: 'db' },
  level: 'debug',
  createdAt: 1_764_000_000_000,
  author: 'ana@laptop',
  ...over,
})

/** Parses as the SDK and control plane do: with the bad input in each issue. */
function problems(schema: z.ZodType, value: unknown): string {
  const parsed = schema.safeParse(value, { reportInput: true })
  assert.equal(parsed.success, false, 'expected the value to be rejected')
  return describeZodError(parsed.error!)
}

test('schemas - a good rule and a good state parse', () => {
  const full = rule({
    expiresAt: 1_764_000_900_000,
    reason: 'slow queries',
    selector: { service: 'checkout', instance: 'pod-1', logger: '*.pool' },
  })
  assert.deepEqual(Rule.parse(full), full)
  const state = {
    service: 'checkout',
    rules: [rule(), rule({ id: 'r2', selector: { service: 'checkout' } })],
    updatedAt: 5,
  }
  assert.deepEqual(DesiredState.parse(state), state)
  assert.deepEqual(DesiredState.parse({ service: 'checkout', rules: [] }), { service: 'checkout', rules: [] })
})

test('schemas - an unknown level is reported at rules.0.level with the bad value', () => {
  const parsed = DesiredState.safeParse(
    { service: 'checkout', rules: [rule({ level: 'loud' })] },
    { reportInput: true },
  )
  assert.equal(parsed.success, false)
  assert.equal(firstZodPath(parsed.error!), 'rules.0.level')
  const text = describeZodError(parsed.error!)
  assert.match(text, /^rules\.0\.level: /)
  assert.match(text, /"debug"/, 'lists the allowed levels')
  assert.match(text, /\(got "loud"\)/)
})

test('schemas - a rule for another service than its state is rejected at its selector', () => {
  const text = problems(DesiredState, {
    service: 'checkout',
    rules: [rule(), rule({ id: 'r2', selector: { service: 'payments' } })],
  })
  assert.equal(text, `rules.1.selector.service: must be the state's service "checkout" (got "payments")`)
})

test('schemas - duplicate rule ids are rejected at the second one', () => {
  const text = problems(DesiredState, { service: 'checkout', rules: [rule(), rule({ level: 'warn' })] })
  assert.equal(text, 'rules.1.id: is a duplicate (got "r1")')
})

test('schemas - bad names inside a rule name the nested field', () => {
  assert.match(
    problems(Rule, rule({ selector: { service: 'check.out' } })),
    /^selector\.service: .* \(got "check\.out"\)$/,
  )
  assert.match(problems(Rule, rule({ selector: { service: 'checkout', logger: 'db>' } })), /^selector\.logger: /)
  assert.match(problems(Rule, rule({ selector: { service: 'checkout', instance: 'a b' } })), /^selector\.instance: /)
  assert.match(problems(Rule, rule({ id: 'has space' })), /^id: .*\(got "has space"\)/)
})

test('schemas - times must be non-negative integers', () => {
  assert.match(problems(Rule, rule({ createdAt: -1 })), /^createdAt: .*\(got -1\)/)
  assert.match(problems(Rule, rule({ expiresAt: 1.5 })), /^expiresAt: /)
  assert.match(problems(Rule, rule({ createdAt: undefined })), /^createdAt: /)
})

test('schemas - a state with more than MAX_RULES_PER_SERVICE rules is rejected', () => {
  const rules = Array.from({ length: MAX_RULES_PER_SERVICE + 1 }, (_, i) => rule({ id: `r${i}` }))
  assert.match(problems(DesiredState, { service: 'checkout', rules }), /^rules: Too big/)
  assert.equal(DesiredState.safeParse({ service: 'checkout', rules: rules.slice(1) }).success, true)
})

test('schemas - RuleSpec accepts a ttl up to MAX_TTL_MS', () => {
  const spec = { selector: { service: 'checkout', logger: 'db' }, level: 'trace', ttlMs: MAX_TTL_MS, reason: 'x' }
  assert.deepEqual(RuleSpec.parse(spec), spec)
  assert.deepEqual(RuleSpec.parse({ selector: { service: 'checkout' }, level: 'warn' }), {
    selector: { service: 'checkout' },
    level: 'warn',
  })
})

test('schemas - RuleSpec rejects a ttl above MAX_TTL_MS, naming ttlMs and the value', () => {
  const text = problems(RuleSpec, { selector: { service: 'checkout' }, level: 'info', ttlMs: MAX_TTL_MS + 1 })
  assert.match(text, /^ttlMs: /)
  assert.match(text, new RegExp(`\\(got ${MAX_TTL_MS + 1}\\)`))
  assert.match(
    problems(RuleSpec, { selector: { service: 'checkout' }, level: 'info', ttlMs: -5 }),
    /^ttlMs: .*\(got -5\)/,
  )
})

test('describeZodError - names "(value)" for a top-level problem and shortens long values', () => {
  assert.match(problems(DesiredState, 'nope'), /^\(value\): .*\(got "nope"\)$/)
  const text = problems(Rule, rule({ author: 'a'.repeat(500) }))
  assert.match(text, /^author: /)
  assert.match(text, /\(got "a{56}\.\.\.\)$/, 'long values are cut to 60 characters')
})

test('describeZodError - lists at most five problems, separated by "; "', () => {
  const rules = Array.from({ length: 8 }, (_, i) => rule({ id: `r${i}`, level: 'loud' }))
  const text = problems(DesiredState, { service: 'checkout', rules })
  const parts = text.split('; ')
  assert.equal(parts.length, 5)
  assert.deepEqual(
    parts.map((p) => p.split(':')[0]),
    ['rules.0.level', 'rules.1.level', 'rules.2.level', 'rules.3.level', 'rules.4.level'],
  )
})

test('firstZodPath - empty when the problem is the value itself', () => {
  const parsed = RuleSpec.safeParse(null)
  assert.equal(parsed.success, false)
  assert.equal(firstZodPath(parsed.error!), '')
})
