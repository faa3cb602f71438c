import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ChangeResponse, GetStatusResponse } from '@prodbench/proto'
import { lsReport } from '../src/ctl/commands/ls.js'
import { removalReport } from '../src/ctl/commands/removal.js'
import { rulesReport } from '../src/ctl/commands/rules.js'
import { setLevelReport } from '../src/ctl/commands/set-level.js'
import { statusReport } from '../src/ctl/commands/status.js'
import type { View } from '../src/ctl/context.js'
import { clockTime, expiryText, relativeTime, selectorLabel, shortDuration, table } from '../src/ctl/format.js'
import { createStyle, stripAnsi } from '../src/ctl/style.js'

// Local times, so the expected clock strings hold in any time zone.
const NOW = new Date(2025, 2, 14, 2, 1, 0).getTime()
const AT_0215 = new Date(2025, 2, 14, 2, 15, 0).getTime()
const plain: View = { now: NOW, style: createStyle(false) }

const setLevel = { name: 'set-level', service: 'checkout', level: 'debug', logger: 'db' } as const

function change(rollout: NonNullable<ChangeResponse['rollout']>, expiresAt?: number): ChangeResponse {
  return {
    rules: [
      {
        id: 'r-7f3a',
        selector: { service: 'checkout', logger: 'db' },
        level: 'debug',
        action: 'level',
        createdAt: NOW,
        author: 'alice@laptop',
        ...(expiresAt ? { expiresAt } : {}),
      },
    ],
    rollout,
  }
}

describe('ctl format - helpers', () => {
  test('ctl format - table aligns columns, right-aligns numbers and leaves no trailing spaces', () => {
    const lines = table(
      ['NAME', 'N', 'NOTE'],
      [
        ['checkout', '3', 'x'],
        ['db', '120', ''],
      ],
      { right: [1] },
    )
    assert.deepEqual(lines, ['NAME        N  NOTE', 'checkout    3  x', 'db        120'])
  })

  test('ctl format - table cuts the last column to fit maxWidth', () => {
    const lines = table(['ID', 'REASON'], [['r-1', 'a'.repeat(100)]], { maxWidth: 40 })
    assert.equal(lines[1]?.length, 40)
    assert.ok(lines[1]?.endsWith('…'))
  })

  test('ctl format - painted cells are padded on their text, not their escapes', () => {
    const style = createStyle(true)
    const lines = table(['A', 'B'], [[{ text: 'x', paint: style.red }, 'y']])
    assert.ok(lines[1]?.includes('\u001b[31m'))
    assert.equal(stripAnsi(lines[1] ?? ''), 'x  y')
  })

  test('ctl format - durations, clock times and relative times', () => {
    assert.equal(shortDuration(900_000), '15m')
    assert.equal(shortDuration(5_430_000), '1h30m')
    assert.equal(shortDuration(850), '850ms')
    assert.equal(clockTime(AT_0215, NOW), '02:15:00')
    assert.equal(clockTime(AT_0215 + 3 * 86_400_000, NOW), '2025-03-17 02:15:00')
    assert.equal(relativeTime(AT_0215, NOW), 'in 14m')
    assert.equal(relativeTime(NOW - 120_000, NOW), '2m ago')
    assert.equal(expiryText(AT_0215, NOW), '02:15:00 (in 14m)')
    assert.equal(expiryText(0, NOW), 'never')
    assert.equal(expiryText(NOW - 60_000, NOW), 'expired 1m ago')
  })

  test('ctl format - selector labels', () => {
    assert.equal(selectorLabel({ service: 'checkout' }), 'checkout')
    assert.equal(selectorLabel({ service: 'checkout', logger: 'db' }), 'checkout/db')
    assert.equal(selectorLabel({ service: 'checkout', logger: 'db', instance: 'web-1' }), 'checkout/db@web-1')
    assert.equal(selectorLabel({ service: 'checkout', instance: 'web-1' }), 'checkout@web-1')
  })
})

describe('ctl format - set-level', () => {
  test('ctl format - set-level applied everywhere: one line, exit 0', () => {
    const report = setLevelReport(
      setLevel,
      change({ revision: 12, applied: ['a', 'b', 'c'], elapsedMs: 14, complete: true }, AT_0215),
      plain,
    )
    assert.deepEqual(report.lines, ['debug on checkout/db: applied on 3/3 instances in 14 ms (expires 02:15:00)'])
    assert.equal(report.exitCode, 0)
  })

  test('ctl format - set-level partly applied: names the pending and rejecting instances, exit 1', () => {
    const rollout = {
      revision: 12,
      applied: ['a', 'b'],
      pending: ['c'],
      rejected: ['d: unknown level'],
      elapsedMs: 5001,
    }
    const report = setLevelReport(setLevel, change({ ...rollout, complete: false }, AT_0215), plain)
    assert.deepEqual(report.lines, [
      'debug on checkout/db: applied on 2/4 instances in 5001 ms (expires 02:15:00); not applied: c',
      '  rejected: d: unknown level',
    ])
    assert.equal(report.exitCode, 1)
  })

  test('ctl format - set-level without TTL says "no expiry"; instance and replaced rule are shown', () => {
    const response: ChangeResponse = {
      rules: [{ id: 'r-2', selector: { service: 'checkout', logger: 'db', instance: 'web-1' }, level: 'trace' }],
      replacedIds: ['r-1'],
      rollout: { revision: 3, applied: ['web-1'], elapsedMs: 4, complete: true },
    }
    const command = { ...setLevel, level: 'trace', instance: 'web-1' } as const
    assert.deepEqual(setLevelReport(command, response, plain).lines, [
      'trace on checkout/db@web-1: applied on 1/1 instances in 4 ms (no expiry)',
      'replaced rule r-1',
    ])
  })

  test('ctl format - set-level with no live instances is stored and exits 0', () => {
    const report = setLevelReport(setLevel, change({ revision: 1, complete: true }), plain)
    assert.equal(
      report.lines[0],
      'debug on checkout/db: stored at revision 1; no live instances to apply it yet (no expiry)',
    )
    assert.equal(report.exitCode, 0)
  })

  test('ctl format - set-level JSON is the response plus a summary, and round-trips through JSON', () => {
    const rollout = { revision: 12, applied: ['a', 'b'], pending: ['c'], elapsedMs: 5001, complete: false }
    const report = setLevelReport(setLevel, change(rollout, AT_0215), plain)
    const parsed = JSON.parse(JSON.stringify(report.json))
    assert.equal(parsed.rules[0].id, 'r-7f3a')
    assert.deepEqual(parsed.rollout.pending, ['c'])
    assert.equal(parsed.summary.target, 'checkout/db')
    assert.equal(parsed.summary.applied, 2)
    assert.equal(parsed.summary.total, 3)
    assert.equal(parsed.summary.complete, false)
    assert.equal(parsed.summary.exitCode, 1)
    assert.equal(parsed.summary.expiresAt, AT_0215)
  })

  test('ctl format - set-level paints only with a colour style', () => {
    const response = change({ revision: 12, applied: ['a'], elapsedMs: 1, complete: true })
    const painted = setLevelReport(setLevel, response, { ...plain, style: createStyle(true) }).lines[0] ?? ''
    assert.ok(painted.includes('\u001b['))
    assert.equal(stripAnsi(painted), setLevelReport(setLevel, response, plain).lines[0])
  })
})

describe('ctl format - other commands', () => {
  test('ctl format - reset lists the removed rules and the rollout', () => {
    const response: ChangeResponse = {
      rules: [
        { id: 'r-7f3a', selector: { service: 'checkout', logger: 'db' }, level: 'debug', author: 'alice@laptop' },
      ],
      rollout: { revision: 13, applied: ['a', 'b'], elapsedMs: 9, complete: true },
    }
    const report = removalReport({ command: 'reset', target: 'checkout/db' }, response, plain)
    assert.deepEqual(report.lines, [
      'removed 1 rule from checkout/db:',
      '  ID      TARGET       LEVEL  AUTHOR',
      '  r-7f3a  checkout/db  debug  alice@laptop',
      'applied on 2/2 instances in 9 ms',
    ])
    assert.equal(report.exitCode, 0)
  })

  test('ctl format - reset that matches nothing says so and exits 0', () => {
    const report = removalReport({ command: 'reset', target: 'checkout/db' }, {}, plain)
    assert.deepEqual(report.lines, ['nothing to remove: no rules match checkout/db'])
    assert.equal(report.exitCode, 0)
  })

  test('ctl format - rm reports ids that were not removed and exits 1', () => {
    const response: ChangeResponse = {
      rules: [{ id: 'r-1', selector: { service: 'checkout' }, level: 'warn' }],
      rollout: { revision: 4, applied: ['a'], elapsedMs: 2, complete: true },
    }
    const report = removalReport({ command: 'rm', target: 'checkout', ruleIds: ['r-1', 'r-9'] }, response, plain)
    assert.equal(report.lines.at(-1), 'not found: r-9')
    assert.deepEqual((report.json.summary as { notFound: string[] }).notFound, ['r-9'])
    assert.equal(report.exitCode, 1)
  })

  test('ctl format - status shows instances, who is behind, and each logger level with its provenance', () => {
    const source = { ruleId: 'r-7f3a', author: 'alice@laptop', expiresAt: AT_0215 }
    const instance = (id: string, revision: number, dbLevel: string) => ({
      identity: { service: 'checkout', instance: id, host: 'web', pid: 4242 },
      uptimeMs: 7_980_000,
      applied: {
        revision,
        configHash: '9f86d081',
        levels: [
          { logger: '', level: 'info', source: {} },
          { logger: 'db', level: dbLevel, source: dbLevel === 'debug' ? source : {} },
        ],
      },
    })
    const response: GetStatusResponse = {
      service: 'checkout',
      revision: 12,
      rules: [{ id: 'r-7f3a' }],
      instances: [instance('checkout-a', 12, 'debug'), instance('checkout-b', 11, 'info')],
    }
    const lines = statusReport({ name: 'status', service: 'checkout' }, response, { ...plain, width: 80 }).lines
    assert.deepEqual(lines, [
      'checkout: 2 live instances, 1 rule, revision 12',
      '',
      'INSTANCE    HOST   PID  UPTIME  REVISION     CONFIG',
      'checkout-a  web   4242  2h13m   12           9f86d081',
      'checkout-b  web   4242  2h13m   11 (behind)  9f86d081',
      '',
      'LOGGER  LEVEL  ON   SOURCE',
      '(root)  info   all  code default',
      'db      debug  1/2  rule r-7f3a by alice@laptop, expires in 14m (on checkout-a)',
      'db      info   1/2  code default (on checkout-b)',
    ])
    for (const line of lines) assert.ok(line.length <= 80, `longer than 80: ${line}`)
  })

  test('ctl format - status lists captures: where they run, what they match, who refused them', () => {
    const instance = (id: string, refused = '') => ({
      identity: { service: 'checkout', instance: id, host: 'web', pid: 1 },
      applied: {
        revision: 3,
        configHash: 'abcd',
        levels: [{ logger: '', level: 'info', source: {} }],
        captures: [
          {
            captureId: 'r-c1',
            metric: 'http.**',
            intervalMs: 1_000,
            metrics: refused ? [] : ['http.server.duration'],
            refused,
          },
        ],
      },
    })
    const response: GetStatusResponse = {
      service: 'checkout',
      revision: 3,
      instances: [instance('a'), instance('b', 'over the limit of 8')],
    }
    const lines = statusReport({ name: 'status', service: 'checkout' }, response, { ...plain, width: 80 }).lines
    const at = lines.findIndex((line) => line.startsWith('CAPTURE'))
    assert.ok(at > 0, lines.join('\n'))
    assert.match(lines[at + 1] ?? '', /^r-c1\s+http\.\*\*\s+1s\s+1\/2\s+refused on b \(capture limit\)$/)
  })

  test('ctl format - rules shows target, author, expiry time and "in"', () => {
    const response = {
      revision: 12,
      rules: [
        {
          id: 'r-7f3a',
          selector: { service: 'checkout', logger: 'db' },
          level: 'debug',
          author: 'alice@laptop',
          expiresAt: AT_0215,
          reason: 'slow queries',
        },
      ],
    }
    assert.deepEqual(rulesReport({ name: 'rules', service: 'checkout' }, response, plain).lines, [
      'checkout: 1 rule, revision 12',
      'ID      TARGET       LEVEL  AUTHOR        EXPIRES            REASON',
      'r-7f3a  checkout/db  debug  alice@laptop  02:15:00 (in 14m)  slow queries',
    ])
  })

  test('ctl format - ls lists services sorted by name', () => {
    const response = {
      services: [
        { service: 'payments', instances: 2, rules: 0, revision: 3 },
        { service: 'checkout', instances: 12, rules: 1, revision: 40 },
      ],
    }
    assert.deepEqual(lsReport(response, plain).lines, [
      'SERVICE   INSTANCES  RULES  REVISION',
      'checkout         12      1        40',
      'payments          2      0         3',
    ])
  })
})
