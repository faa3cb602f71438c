import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { CheckSet } from '../src/checks/check-set.js'
import type { CheckResult } from '../src/checks/sanity-check.js'

// Check timers are unref'd (they must not keep a service alive): hold the loop while a test waits on them.
const keepAlive = setInterval(() => {}, 1_000)
after(() => clearInterval(keepAlive))

function recorder() {
  const results: Array<[string, CheckResult]> = []
  const set = new CheckSet((name, result) => results.push([name, result]))
  return { set, results }
}

test('check - runs on its schedule and records ok, failures and errors', async (t) => {
  const { set, results } = recorder()
  t.after(() => set.close())
  let n = 0
  set.add(
    'flaky',
    () => {
      n++
      if (n === 2) throw new Error('db down')
      return n !== 3
    },
    { every: 30 },
  )
  await sleep(200)
  const outcomes = results.slice(0, 4).map(([, r]) => [r.ok, r.error ?? '', r.trigger])
  assert.deepEqual(outcomes, [
    [true, '', 'schedule'],
    [false, 'db down', 'schedule'],
    [false, 'check "flaky" returned false', 'schedule'],
    [true, '', 'schedule'],
  ])
  const [info] = set.infos()
  assert.equal(info?.failures, 2)
  assert.ok(Number(info?.runs ?? 0) >= 4)
})

test('check - never overlaps itself, on schedule or on request', async (t) => {
  const { set } = recorder()
  t.after(() => set.close())
  let inFlight = 0
  let most = 0
  const check = set.add(
    'slow',
    async () => {
      inFlight++
      most = Math.max(most, inFlight)
      await sleep(60)
      inFlight--
    },
    { every: 5, timeout: 1_000 },
  )
  const runs = await Promise.all([check.run('request'), check.run('request'), check.run('request')])
  assert.equal(new Set(runs).size, 1, 'concurrent requests join the run in progress')
  await sleep(250)
  assert.equal(most, 1)
})

test('check - a timeout fails the run, and the check waits for the function before running again', async (t) => {
  const { set } = recorder()
  t.after(() => set.close())
  let release: () => void = () => {}
  let started = 0
  const check = set.add(
    'stuck',
    () => {
      started++
      return new Promise<void>((resolve) => {
        release = resolve
      })
    },
    { every: 60_000, timeout: 50 },
  )
  const first = await check.run('request')
  assert.equal(first.ok, false)
  assert.match(first.error ?? '', /timed out after 50 ms/)
  const second = await check.run('request')
  assert.match(second.error ?? '', /has not finished/)
  assert.equal(started, 1)
  release()
  await sleep(10)
  await check.run('request')
  assert.equal(started, 2)
  release()
})

test('check - a rule pauses it or changes its interval, removing the rule restores the code', async (t) => {
  const { set, results } = recorder()
  t.after(() => set.close())
  set.add('ping', () => true, { every: 20 })
  const rule = {
    id: 'r1',
    selector: { service: 's' },
    createdAt: 1,
    author: 'a',
    check: { name: 'ping', paused: true },
  }
  set.update([rule])
  const before = results.length
  await sleep(120)
  assert.equal(results.length, before, 'paused')
  assert.equal(set.infos()[0]?.ruleId, 'r1')
  set.update([])
  await sleep(120)
  assert.ok(results.length > before, 'running again')
})

test('check - bad names and options are refused at registration', () => {
  const { set } = recorder()
  assert.throws(() => set.add('has space', () => true), /check name "has space"/)
  assert.throws(() => set.add('ok', () => true, { every: 'soon' }), /every must be a duration/)
  set.close()
})
