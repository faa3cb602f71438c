import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  InstanceId,
  instanceIdProblem,
  LoggerPattern,
  loggerNameProblem,
  loggerPatternProblem,
  MAX_INSTANCE_LENGTH,
  MAX_LOGGER_LENGTH,
  MAX_SERVICE_LENGTH,
  ServiceName,
  serviceNameProblem,
  toToken,
} from '../src/core/index.js'

const TEN_KB = 'a'.repeat(10 * 1024)

test('names - valid service names and instance ids have no problem', () => {
  for (const name of ['checkout', 'Checkout_2', 'pay-api', 'a', '0', 'x'.repeat(MAX_SERVICE_LENGTH)]) {
    assert.equal(serviceNameProblem(name), undefined, name)
    assert.equal(ServiceName.safeParse(name).success, true, name)
  }
  for (const id of ['vm-1234-ab12', 'pod_7', 'x'.repeat(MAX_INSTANCE_LENGTH)]) {
    assert.equal(instanceIdProblem(id), undefined, id)
    assert.equal(InstanceId.safeParse(id).success, true, id)
  }
})

test('names - a service name that is not one NATS token is rejected with the reason', () => {
  const charset = 'may only contain letters, digits, "_" and "-"'
  const cases: Array<[string, string]> = [
    ['check.out', charset],
    ['check*', charset],
    ['>', charset],
    ['check out', charset],
    ['chéckout', charset],
    ['服务', charset],
    ['', 'must not be empty'],
    [TEN_KB, `must be at most ${MAX_SERVICE_LENGTH} characters (got 10240)`],
    ['x'.repeat(MAX_SERVICE_LENGTH + 1), `must be at most ${MAX_SERVICE_LENGTH} characters (got 65)`],
  ]
  for (const [name, why] of cases) {
    assert.equal(serviceNameProblem(name), why, JSON.stringify(name.slice(0, 20)))
    assert.equal(ServiceName.safeParse(name).success, false)
  }
})

test('names - an instance id follows the token rules with its own length limit', () => {
  assert.equal(instanceIdProblem('host.local-1'), 'may only contain letters, digits, "_" and "-"')
  assert.equal(instanceIdProblem('a b'), 'may only contain letters, digits, "_" and "-"')
  assert.equal(instanceIdProblem(''), 'must not be empty')
  assert.equal(instanceIdProblem('x'.repeat(MAX_INSTANCE_LENGTH + 1)), 'must be at most 128 characters (got 129)')
  assert.equal(instanceIdProblem(TEN_KB), 'must be at most 128 characters (got 10240)')
})

test('names - logger names are dotted tokens', () => {
  for (const name of ['db', 'db.pool', 'http.routes.v2', 'a_b.c-d', 'x'.repeat(MAX_LOGGER_LENGTH)]) {
    assert.equal(loggerNameProblem(name), undefined, name)
  }
})

test('names - a logger name with a wildcard, an empty segment, a space or unicode is rejected', () => {
  const segments = 'must be dot-separated segments of letters, digits, "_" and "-"'
  for (const name of ['*', 'db.*', 'db.>', '>', 'db pool', 'bad name!', 'dé', '.db', 'db.', 'db..pool']) {
    assert.equal(loggerNameProblem(name), segments, name)
  }
  assert.equal(loggerNameProblem(''), 'must not be empty')
  assert.equal(loggerNameProblem(TEN_KB), `must be at most ${MAX_LOGGER_LENGTH} characters (got 10240)`)
})

test('names - logger patterns allow "*" for whole segments only', () => {
  for (const pattern of ['*', '*.pool', 'db.*', '*.*.x', 'db.pool']) {
    assert.equal(loggerPatternProblem(pattern), undefined, pattern)
    assert.equal(LoggerPattern.safeParse(pattern).success, true, pattern)
  }
  const why = 'must be dot-separated segments of letters, digits, "_" and "-", or "*" for one segment'
  for (const pattern of ['db*', '*db', '>', 'db.>', 'db.**', 'db pool', 'ü', '.', 'db.']) {
    assert.equal(loggerPatternProblem(pattern), why, pattern)
    assert.equal(LoggerPattern.safeParse(pattern).success, false, pattern)
  }
  assert.equal(loggerPatternProblem(''), 'must not be empty')
  assert.equal(loggerPatternProblem(TEN_KB), `must be at most ${MAX_LOGGER_LENGTH} characters (got 10240)`)
})

test('names - the zod name schemas carry the reason as the issue message', () => {
  const parsed = ServiceName.safeParse('a.b')
  assert.equal(parsed.success, false)
  assert.equal(parsed.error?.issues[0]?.message, 'may only contain letters, digits, "_" and "-"')
})

test('toToken - turns any text into a valid token', () => {
  assert.equal(toToken('vm.example.com'), 'vm-example-com')
  assert.equal(toToken('My Laptop (2)'), 'My-Laptop-2')
  assert.equal(toToken('  --édge--  '), 'dge')
  assert.equal(toToken('already_ok-1'), 'already_ok-1')
  assert.equal(toToken(''), 'x')
  assert.equal(toToken('***'), 'x')
  for (const text of ['a.b*c>d e', 'ünïcødé', '...', TEN_KB, 'x'.repeat(300)]) {
    assert.equal(instanceIdProblem(toToken(text)), undefined, text.slice(0, 20))
  }
})

test('toToken - cuts to maxLength', () => {
  assert.equal(toToken(TEN_KB).length, MAX_INSTANCE_LENGTH)
  assert.equal(toToken('abcdef', 3), 'abc')
  assert.equal(serviceNameProblem(toToken(TEN_KB, MAX_SERVICE_LENGTH)), undefined)
})
