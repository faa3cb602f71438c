import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { DumpResponse, GetStatusResponse } from '@prodbench/proto'
import { dumpReport } from '../src/ctl/commands/dump.js'
import { statusReport } from '../src/ctl/commands/status.js'
import { withInstance } from '../src/ctl/commands/tail.js'
import type { View } from '../src/ctl/context.js'
import { actionText, selectorLabel } from '../src/ctl/format.js'
import { clock, formatRecordLine } from '../src/ctl/format-logs.js'
import { ruleReport } from '../src/ctl/rule-report.js'
import { createStyle, stripAnsi } from '../src/ctl/style.js'

const NOW = Date.UTC(2025, 2, 14, 2, 1)
const plain: View = { now: NOW, style: createStyle(false) }
const coloured: View = { now: NOW, style: createStyle(true) }
const T = NOW - 5_000

describe('ctl logs format - records', () => {
  test('a record reads time, level, instance, logger, message, then the other fields', () => {
    const line = JSON.stringify({
      level: 20,
      time: T,
      pid: 7,
      hostname: 'vm',
      service: 'checkout',
      instance: 'web1',
      logger: 'db',
      msg: 'query done',
      sql: 'SELECT 1',
      ms: 2.1,
      user: '42',
      sampleRate: 0.1,
    })
    assert.equal(
      formatRecordLine(line, 'ignored', plain.style),
      `${clock(T)} DEBUG web1 db: query done  sql="SELECT 1" ms=2.1 user=42 sampleRate=0.1`,
    )
    assert.match(clock(T), /^\d\d:\d\d:\d\d\.000$/)
  })

  test('the batch instance stands in when the record has none; the level is coloured only when colour is on', () => {
    const line = JSON.stringify({ level: 50, time: T, msg: 'boom' })
    assert.equal(formatRecordLine(line, 'web2', plain.style), `${clock(T)} ERROR web2 boom`)
    const painted = formatRecordLine(line, 'web2', coloured.style)
    assert.ok(painted.includes('\u001b[31mERROR\u001b[39m'), painted)
    assert.equal(stripAnsi(painted), `${clock(T)} ERROR web2 boom`)
  })

  test("an error's stack follows on indented lines; a line that is not JSON prints as it is", () => {
    const line = JSON.stringify({
      level: 50,
      time: T,
      msg: 'payment failed',
      err: { type: 'Error', message: 'card declined', stack: 'Error: card declined\n    at pay (pay.ts:3:9)' },
    })
    assert.deepEqual(formatRecordLine(line, 'web1', plain.style).split('\n'), [
      `${clock(T)} ERROR web1 payment failed  err={"type":"Error","message":"card declined"}`,
      '    Error: card declined',
      '        at pay (pay.ts:3:9)',
    ])
    assert.equal(formatRecordLine('not json', 'web1', plain.style), 'web1 not json')
  })
})

describe('ctl logs format - tail --json', () => {
  test('a record gets its instance first unless it names one; other lines are left alone', () => {
    assert.equal(withInstance('{"level":30,"msg":"x"}', 'web1'), '{"instance":"web1","level":30,"msg":"x"}')
    assert.equal(withInstance('{}', 'web1'), '{"instance":"web1"}')
    assert.equal(withInstance('{"instance":"a","msg":"x"}', 'web1'), '{"instance":"a","msg":"x"}')
    assert.equal(withInstance('not json', 'web1'), 'not json')
    assert.equal(withInstance('{"msg":"x"}', undefined), '{"msg":"x"}')
  })
})

describe('ctl logs format - rules', () => {
  test('selectors show their request attributes; actions say what each kind does', () => {
    assert.equal(
      selectorLabel({ service: 'checkout', logger: 'db', where: { user: '42', tenant: 'acme' } }),
      'checkout/db where user=42 tenant=acme',
    )
    assert.equal(actionText({ sample: { level: 'debug', rate: 0.1 } }), 'sample debug 10%')
    assert.equal(
      actionText({ budget: { recordsPerSec: 1_000, bytesPerSec: 1_048_576 } }),
      'budget 1,000 records/s and 1MiB/s',
    )
    assert.equal(actionText({ budget: { recordsPerSec: 0, bytesPerSec: 65_536 } }), 'budget 64KiB/s')
    assert.equal(actionText({ record: { level: 'debug' } }), 'record debug')
    assert.equal(actionText({ tail: { level: 'info', maxPerSec: 50 } }), 'tail info 50/s')
    assert.equal(actionText({ level: 'debug' }), 'debug')
  })

  test('a rule change reports the action, target, rollout and expiry; no expiry on record warns', () => {
    const response = {
      rules: [
        { id: 'r-1', selector: { service: 'checkout', logger: 'db' }, record: { level: 'debug' }, createdAt: NOW },
      ],
      replacedIds: ['r-0'],
      rollout: { revision: 4, applied: ['web1', 'web2'], pending: [], rejected: [], elapsedMs: 12, complete: true },
    }
    const report = ruleReport(
      {
        command: 'record',
        selector: { service: 'checkout', logger: 'db' },
        action: 'record debug',
        warnWithoutExpiry: true,
      },
      response,
      plain,
    )
    assert.deepEqual(report.lines, [
      'record debug on checkout/db: applied on 2/2 instances in 12 ms (no expiry)',
      'replaced rule r-0',
    ])
    assert.equal(report.exitCode, 0)
    assert.deepEqual(report.warnings, ['rule r-1 has no expiry: it runs until `ctl rm svc=checkout r-1`'])
    const pending = ruleReport(
      { command: 'sample', selector: { service: 'checkout' }, action: 'sample debug 10%' },
      { ...response, rules: [], rollout: { ...response.rollout, pending: ['web3'], complete: false } },
      plain,
    )
    assert.equal(pending.exitCode, 1)
    assert.match(pending.lines[0] ?? '', /^sample debug 10% on checkout: applied on 2\/3 .*not applied: web3/)
  })
})

describe('ctl logs format - dump', () => {
  const rec = (time: number, msg: string, level = 20) => JSON.stringify({ level, time, msg })
  const response: DumpResponse = {
    instances: [
      {
        identity: { instance: 'web1' },
        records: [rec(T + 1, 'a1'), rec(T + 3, 'a3')],
        ringRecords: 40,
        ringBytes: 4_096,
        maxBytes: 1_048_576,
      },
      { identity: { instance: 'web2' }, records: [rec(T + 2, 'b2', 50)], ringRecords: 1 },
    ],
    missing: ['web3'],
  }

  test('records of every instance are merged by time; the missing ones are named, exit 1', () => {
    const report = dumpReport({ name: 'dump', service: 'checkout', where: { user: '42' } }, response, plain)
    assert.deepEqual(report.lines, [
      'checkout where user=42: 3 records from 2/3 instances',
      `${clock(T + 1)} DEBUG web1 a1`,
      `${clock(T + 2)} ERROR web2 b2`,
      `${clock(T + 3)} DEBUG web1 a3`,
      'ring: web1: 2 of 40 records (4KiB of 1MiB); web2: 1 of 1 records',
      '! no answer in time from web3',
    ])
    assert.equal(report.exitCode, 1)
    assert.deepEqual((report.json as { summary: unknown }).summary, {
      command: 'dump',
      target: 'checkout where user=42',
      records: 3,
      instances: 2,
      missing: ['web3'],
      failed: [],
      exitCode: 1,
    })
  })

  test('every instance answered: exit 0; no live instance: said so', () => {
    assert.equal(dumpReport({ name: 'dump', service: 'checkout' }, { ...response, missing: [] }, plain).exitCode, 0)
    assert.deepEqual(dumpReport({ name: 'dump', service: 'checkout' }, {}, plain).lines, [
      'checkout: no live instances to dump',
    ])
  })
})

describe('ctl logs format - status', () => {
  test('status shows log rules in force, budget and its use, drops and sampling per instance', () => {
    const logs = (instance: string, recordsLastSec: number, dropped: number) => ({
      budgetRecordsPerSec: 1_000,
      budgetBytesPerSec: 1_048_576,
      budgetRuleId: 'r-b',
      recordsLastSec,
      bytesLastSec: 65_536,
      dropped: dropped ? [{ logger: 'db', level: 'debug', count: dropped }] : [],
      sampledOut: [{ logger: 'db', level: 'debug', count: 90 }],
      rules: [
        {
          ruleId: 'r-s',
          kind: 'sample',
          logger: 'db',
          level: 'debug',
          rate: 0.1,
          author: 'ana@vm',
          expiresAt: NOW + 600_000,
        },
        ...(instance === 'web1'
          ? [{ ruleId: 'r-u', kind: 'level', logger: '', where: { user: '42' }, level: 'debug', author: 'ana@vm' }]
          : []),
      ],
      ringRecords: 500,
      ringBytes: 131_072,
      tailDropped: 3,
    })
    const instance = (id: string, recordsLastSec: number, dropped: number) => ({
      identity: { service: 'checkout', instance: id, host: 'vm', pid: 1, startedAt: NOW - 60_000 },
      applied: { revision: 3, configHash: 'abc', levels: [], logs: logs(id, recordsLastSec, dropped) },
    })
    const response: GetStatusResponse = {
      service: 'checkout',
      revision: 3,
      rules: [],
      instances: [instance('web1', 800, 120), instance('web2', 10, 0)],
    }
    const lines = statusReport({ name: 'status', service: 'checkout' }, response, plain).lines
    const text = lines.join('\n')
    assert.match(text, /LOG RULE\s+ACTION\s+TARGET\s+ON\s+SOURCE/)
    assert.match(
      text,
      /r-u\s+debug for matching requests\s+\(all loggers\) where user=42\s+web1\s+by ana@vm, no expiry/,
    )
    assert.match(text, /r-s\s+sample debug 10%\s+db\s+all\s+by ana@vm, expires in 10m/)
    assert.match(text, /INSTANCE\s+BUDGET\/S\s+LAST SECOND\s+DROPPED\s+SAMPLED OUT/)
    assert.match(text, /web1\s+1,000 rec, 1MiB \(rule r-b\)\s+800 rec, 64KiB \(80\.0%\)\s+120\s+90/)
    // web2 is nearer its byte budget (64KiB of 1MiB) than its record budget (10 of 1,000).
    assert.match(text, /web2\s+1,000 rec, 1MiB \(rule r-b\)\s+10 rec, 64KiB \(6\.3%\)\s+0\s+90/)
    assert.match(
      text,
      /INSTANCE\s+LOGGER\s+LEVEL\s+DROPPED\s+SAMPLED OUT\nweb1\s+db\s+debug\s+120\s+90\nweb2\s+db\s+debug\s+0\s+90/,
    )
    assert.match(text, /INSTANCE\s+FLIGHT RECORDER\s+TAIL DROPS\nweb1\s+500 records, 128KiB\s+3/)
  })

  test('instances that report no log stats add no logging tables', () => {
    const response: GetStatusResponse = {
      service: 'checkout',
      revision: 1,
      instances: [{ identity: { instance: 'web1' }, applied: { revision: 1, levels: [] } }],
    }
    assert.doesNotMatch(
      statusReport({ name: 'status', service: 'checkout' }, response, plain).lines.join('\n'),
      /BUDGET|LOG RULE|FLIGHT RECORDER/,
    )
  })
})
