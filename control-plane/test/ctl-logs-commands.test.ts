import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { test } from 'node:test'
import { eventually } from '../../test/helpers/eventually.js'
import { main } from '../src/ctl/main.js'
import { memoryIo } from './fixtures/ctl-io.js'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

const ctl = (server: string, argv: string[], options: Parameters<typeof memoryIo>[0] = {}) => {
  const { io, captured } = memoryIo({ now: Date.now, ...options })
  return { run: main(['--server', server, ...argv], io), captured }
}

test('ctl sample, budget, record and set-level --where set rules and report their rollout', async (t) => {
  const { nats, cp, client } = await startTestControlPlane(t)
  const fake = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => fake.close())
  const server = cp.grpcAddress
  const runs: Array<[string[], RegExp]> = [
    [
      ['set-level', 'svc=checkout', 'debug', '--where', 'user=42', '--ttl', '15m'],
      /^debug on checkout where user=42: applied on 1\/1 instances in \d+ ms \(expires /,
    ],
    [
      ['sample', 'svc=checkout', 'level=debug', 'rate=10%', 'logger=db'],
      /^sample debug 10% on checkout\/db: applied on 1\/1 instances in \d+ ms \(no expiry\)/,
    ],
    [
      ['budget', 'svc=checkout', 'records=1000', 'bytes=1MiB'],
      /^budget 1,000 records\/s and 1MiB\/s on checkout: applied on 1\/1 /,
    ],
    [
      ['record', 'svc=checkout', 'level=trace', 'logger=db'],
      /^record trace on checkout\/db: applied on 1\/1 instances in \d+ ms \(expires /,
    ],
  ]
  for (const [argv, expected] of runs) {
    const { run, captured } = ctl(server, argv)
    assert.equal(await run, 0, captured.err)
    assert.match(captured.out, expected)
  }
  const rules = (await client.listRules({ service: 'checkout' })).rules ?? []
  assert.deepEqual(
    rules.map((r) => r.action),
    ['level', 'sample', 'budget', 'record'],
  )
  assert.deepEqual(rules[0]?.selector?.where, { user: '42' })
  assert.equal((rules[3]?.expiresAt ?? 0) - (rules[3]?.createdAt ?? 0), 3_600_000, 'record: 1h by default')
  // ctl rules names every kind of action.
  const listed = ctl(server, ['rules', 'svc=checkout'])
  assert.equal(await listed.run, 0)
  for (const text of ['where user=42', 'sample debug 10%', 'budget 1,000 records/s and 1MiB/s', 'record trace']) {
    assert.ok(listed.captured.out.includes(text), `${text} in\n${listed.captured.out}`)
  }
})

test('ctl budget over the ceiling exits 1 naming the limit', async (t) => {
  const { cp } = await startTestControlPlane(t, { maxBudget: { recordsPerSec: 10_000 } })
  const { run, captured } = ctl(cp.grpcAddress, ['budget', 'svc=checkout', 'records=20000'])
  assert.equal(await run, 1)
  assert.match(
    captured.err,
    /rule\.budget\.records_per_sec: 20000 records\/s is above this control plane's ceiling of 10000 \(maxBudget\.recordsPerSec\) \(INVALID_ARGUMENT\)/,
  )
})

test('ctl tail prints records pretty, and Ctrl-C ends it and removes the tail rule', async (t) => {
  const { nats, cp, client } = await startTestControlPlane(t)
  const web1 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  const web2 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web2' })
  t.after(() => web1.close())
  t.after(() => web2.close())
  let interrupt: () => void = () => {}
  const { run, captured } = ctl(
    cp.grpcAddress,
    ['tail', 'svc=checkout', 'logger=db', 'level=debug', '--where', 'user=42'],
    {
      onInterrupt: (handler) => {
        interrupt = handler
        return () => {}
      },
    },
  )
  const rule = await web1.waitForTail()
  assert.deepEqual(rule.selector?.where, { user: '42' })
  await eventually(() => captured.err.includes('tailing'), 5_000, 'the tail to start')
  const time = Date.now()
  web1.publishTail(rule.id as string, [JSON.stringify({ level: 20, time, logger: 'db', msg: 'query', ms: 3 })])
  web2.publishTail(rule.id as string, [JSON.stringify({ level: 30, time, logger: 'db', msg: 'done' })], { dropped: 4 })
  await eventually(() => captured.out.includes('done') && captured.out.includes('dropped'), 5_000, 'the records')
  interrupt()
  assert.equal(await run, 0)
  assert.match(
    captured.err,
    new RegExp(`^tailing checkout/db where user=42 at debug and above \\(tail ${rule.id}; Ctrl-C to stop\\)`),
  )
  assert.match(captured.out, /\d\d:\d\d:\d\d\.\d{3} DEBUG web1 db: query {2}ms=3\n/)
  assert.match(captured.out, /INFO {2}web2 db: done\n-- 4 records dropped \(web2 4\): over the tail's rate/)
  assert.match(captured.err, new RegExp(`stopped after 2 records from 2 instances; tail ${rule.id} removed`))
  await eventually(
    async () => ((await client.listRules({ service: 'checkout' })).rules ?? []).length === 0,
    5_000,
    'the tail rule to go',
  )
})

test('ctl tail --json prints the raw records, and says when the tail ended by itself', async (t) => {
  const { nats, cp, client } = await startTestControlPlane(t)
  const web1 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  const { run, captured } = ctl(cp.grpcAddress, ['--json', 'tail', 'svc=checkout'])
  const rule = await web1.waitForTail()
  const record = JSON.stringify({ level: 30, time: 1, msg: 'hello' })
  web1.publishTail(rule.id as string, [record, record])
  await eventually(() => captured.out.length > 0, 5_000, 'the records')
  await client.removeRules({ service: 'checkout', ruleIds: [rule.id as string] })
  assert.equal(await run, 0)
  // As the instance wrote them, with the instance added since the record does not name one.
  const line = `{"instance":"web1",${record.slice(1)}`
  assert.equal(captured.out, `${line}\n${line}\n`)
  assert.match(
    captured.err,
    new RegExp(`tail ${rule.id} ended: its rule was removed .*after 2 records from 1 instance\\n$`),
  )
})

test('ctl dump merges the records of every instance by time and names the missing ones', async (t) => {
  const { nats, cp } = await startTestControlPlane(t)
  const web1 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  const web2 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web2' })
  const web3 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web3', noDump: true })
  for (const fake of [web1, web2, web3]) t.after(() => fake.close())
  web1.record(
    JSON.stringify({ level: 20, time: 1_000, msg: 'first' }),
    JSON.stringify({ level: 20, time: 3_000, msg: 'third' }),
  )
  web2.record(JSON.stringify({ level: 50, time: 2_000, msg: 'second' }))
  const { run, captured } = ctl(cp.grpcAddress, ['dump', 'svc=checkout', '--last', '10', '--where', 'user=42'])
  assert.equal(await run, 1, 'web3 did not answer')
  const lines = captured.out.trimEnd().split('\n')
  assert.equal(lines[0], 'checkout where user=42: 3 records from 2/3 instances')
  assert.deepEqual(
    lines.slice(1, 4).map((line) => line.replace(/^\S+ /, '')),
    ['DEBUG web1 first', 'ERROR web2 second', 'DEBUG web1 third'],
  )
  assert.equal(lines.at(-1), '! no answer in time from web3')
  assert.deepEqual(web1.dumpRequests, [{ last: 10, where: { user: '42' } }])

  const json = ctl(cp.grpcAddress, ['--json', 'dump', 'svc=checkout', 'inst=web2'])
  assert.equal(await json.run, 0)
  const document = JSON.parse(json.captured.out)
  assert.equal(document.summary.records, 1)
  assert.deepEqual(document.instances[0].records, [JSON.stringify({ level: 50, time: 2_000, msg: 'second' })])
})

test('ctl status shows budget use, drops and log rules from what instances report', async (t) => {
  const { nats, cp } = await startTestControlPlane(t)
  const web1 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  web1.heartbeat({
    logs: {
      budgetRecordsPerSec: 500,
      recordsLastSec: 250,
      bytesLastSec: 2_048,
      dropped: [{ logger: 'db', level: 'debug', count: 7 }],
      rules: [{ ruleId: 'r-1', kind: 'record', logger: 'db', level: 'debug', author: 'ana@vm' }],
      ringRecords: 12,
      ringBytes: 4_096,
    },
  })
  await web1.flush()
  await eventually(
    async () => {
      const { run, captured } = ctl(cp.grpcAddress, ['status', 'svc=checkout'])
      await run
      return captured.out.includes('FLIGHT RECORDER')
    },
    5_000,
    'the heartbeat to reach the registry',
  )
  const { run, captured } = ctl(cp.grpcAddress, ['status', 'svc=checkout'])
  assert.equal(await run, 0)
  assert.match(captured.out, /r-1\s+record debug\s+db\s+all\s+by ana@vm, no expiry/)
  assert.match(captured.out, /web1\s+500 rec \(code\)\s+250 rec, 2KiB \(50\.0%\)\s+7\s+0/)
  assert.match(captured.out, /web1\s+12 records, 4KiB\s+0/)
})

test('ctl tail ends like Ctrl-C when its output is closed (ctl tail | head), and the rule goes', async (t) => {
  const { nats, cp, client } = await startTestControlPlane(t)
  const web1 = await startFakeInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  const { io, captured } = memoryIo({ now: Date.now })
  // A stdout whose reader went away: the first write fails with EPIPE, as a pipe to `head` does.
  const stdout = new EventEmitter() as EventEmitter & { write(text: string): boolean }
  stdout.write = () => {
    setImmediate(() => stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })))
    return false
  }
  const run = main(['--server', cp.grpcAddress, 'tail', 'svc=checkout'], { ...io, stdout })
  const rule = await web1.waitForTail()
  web1.publishTail(rule.id as string, [JSON.stringify({ level: 30, msg: 'one' })])
  assert.equal(await run, 0)
  assert.match(captured.err, /stopped after 1 record from 1 instance \(output closed\); tail r-/)
  await eventually(
    async () => ((await client.listRules({ service: 'checkout' })).rules ?? []).length === 0,
    5_000,
    'the tail rule to go',
  )
})
