import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ChangeResponse, ListRulesResponse, RuleMessage } from '@prodbench/proto'
import type { CaptureStartCommand, CaptureStopCommand, HistShowCommand } from '../src/ctl/args-hist.js'
import { captureLsReport } from '../src/ctl/commands/capture-ls.js'
import { captureStartReport } from '../src/ctl/commands/capture-start.js'
import { notCaptures } from '../src/ctl/commands/capture-stop.js'
import { histShowReport } from '../src/ctl/commands/hist-show.js'
import { removalReport } from '../src/ctl/commands/removal.js'
import { rulesReport } from '../src/ctl/commands/rules.js'
import type { View } from '../src/ctl/context.js'
import { createStyle } from '../src/ctl/style.js'
import { fleetWindow, latencies } from './fixtures/ctl-hist-windows.js'

// Local times, so the expected clock strings hold in any time zone.
const NOW = new Date(2025, 2, 14, 4, 45, 0).getTime()
const AT_0455 = new Date(2025, 2, 14, 4, 55, 0).getTime()
const plain: View = { now: NOW, style: createStyle(false) }

const start: CaptureStartCommand = {
  name: 'capture start',
  service: 'checkout',
  metric: 'http.server.duration',
  intervalMs: 1_000,
  ttlMs: 600_000,
}

const captureRule: RuleMessage = {
  id: 'r-1a2b3c',
  selector: { service: 'checkout' },
  capture: { metric: 'http.server.duration', intervalMs: 1_000 },
  action: 'capture',
  expiresAt: AT_0455,
  createdAt: NOW,
  author: 'alice@laptop',
  reason: 'p99 regression',
}
const levelRule: RuleMessage = {
  id: 'r-9184',
  selector: { service: 'checkout', logger: 'db' },
  level: 'debug',
  action: 'level',
  createdAt: NOW,
  author: 'bob@laptop',
}

function started(rule: RuleMessage, rollout: NonNullable<ChangeResponse['rollout']>): ChangeResponse {
  return { rules: [rule], rollout }
}

describe('ctl hist reports - capture start', () => {
  test('capture start - applied everywhere: one line with id, target, metric, interval and expiry', () => {
    const response = started(captureRule, { revision: 7, applied: ['a', 'b', 'c'], elapsedMs: 12, complete: true })
    const report = captureStartReport(start, response, plain)
    assert.deepEqual(report.lines, [
      'capture r-1a2b3c on checkout metric=http.server.duration every 1s: applied on 3/3 instances in 12 ms (expires 04:55:00)',
    ])
    assert.equal(report.exitCode, 0)
    assert.deepEqual(report.warnings, [])
    const summary = (report.json as { summary: Record<string, unknown> }).summary
    assert.equal(summary.ruleId, 'r-1a2b3c')
    assert.equal(summary.intervalMs, 1_000)
    assert.equal(summary.expiresAt, AT_0455)
  })

  test('capture start - not applied everywhere exits 1 and names the instance', () => {
    const rule = { ...captureRule, selector: { service: 'checkout', instance: 'web-2' } }
    const response = started(rule, { revision: 7, applied: ['web-1'], pending: ['web-2'], elapsedMs: 5001 })
    const report = captureStartReport({ ...start, instance: 'web-2' }, response, plain)
    assert.match(
      report.lines[0] ?? '',
      /^capture r-1a2b3c on checkout@web-2 .*: applied on 1\/2 instances .* not applied: web-2$/,
    )
    assert.equal(report.exitCode, 1)
  })

  test('capture start - without expiry (--ttl 0) it warns, naming how to stop it', () => {
    const rule = { ...captureRule, expiresAt: 0 }
    const report = captureStartReport({ ...start, ttlMs: 0 }, started(rule, { revision: 1, complete: true }), plain)
    assert.match(report.lines[0] ?? '', /\(no expiry\)$/)
    assert.deepEqual(report.warnings, [
      'capture r-1a2b3c has no expiry: it runs until `ctl capture stop svc=checkout r-1a2b3c`',
    ])
  })
})

describe('ctl hist reports - capture ls and stop', () => {
  const rules: ListRulesResponse = { rules: [levelRule, captureRule], revision: 7 }

  test('capture ls - lists only captures, with metric, interval, instances, author and expiry', () => {
    const report = captureLsReport({ name: 'capture ls', service: 'checkout' }, rules, plain)
    assert.deepEqual(report.lines, [
      'checkout: 1 capture, revision 7',
      'ID        METRIC                EVERY  INSTANCES  AUTHOR        EXPIRES            REASON',
      'r-1a2b3c  http.server.duration  1s     all        alice@laptop  04:55:00 (in 10m)  p99 regression',
    ])
    assert.deepEqual(
      (report.json.captures as RuleMessage[]).map((rule) => rule.id),
      ['r-1a2b3c'],
    )
  })

  test('capture ls - none says how to start one', () => {
    const report = captureLsReport({ name: 'capture ls', service: 'checkout' }, { rules: [levelRule] }, plain)
    assert.deepEqual(report.lines, [
      'no captures for checkout: start one with `ctl capture start svc=checkout metric=NAME`',
    ])
  })

  test('capture stop - a level rule id is refused, nothing removed, exit 1', () => {
    const stop: CaptureStopCommand = { name: 'capture stop', service: 'checkout', ruleIds: ['r-1a2b3c', 'r-9184'] }
    const refused = notCaptures(stop, rules)
    assert.equal(refused?.exitCode, 1)
    assert.match(
      refused?.lines[0] ?? '',
      /^not a capture: r-9184 \(level rules; remove them with `ctl rm svc=checkout r-9184`\)/,
    )
    assert.equal(notCaptures({ ...stop, ruleIds: ['r-1a2b3c', 'r-unknown'] }, rules), undefined)
  })

  test('capture stop - the removal shows the capture in an ACTION column', () => {
    const response: ChangeResponse = {
      rules: [captureRule],
      rollout: { revision: 8, applied: ['a'], elapsedMs: 3, complete: true },
    }
    const request = { command: 'capture stop' as const, target: 'checkout', ruleIds: ['r-1a2b3c'] }
    const report = removalReport(request, response, plain)
    assert.deepEqual(report.lines.slice(0, 3), [
      'removed 1 rule from checkout:',
      '  ID        TARGET    ACTION                                 AUTHOR',
      '  r-1a2b3c  checkout  capture http.server.duration every 1s  alice@laptop',
    ])
    assert.equal(report.exitCode, 0)
  })

  test('rules - capture rules read as captures, not as "?" levels', () => {
    const report = rulesReport({ name: 'rules', service: 'checkout' }, rules, plain)
    assert.match(report.lines[1] ?? '', /^ID +TARGET +ACTION +AUTHOR/)
    assert.match(report.lines[3] ?? '', /^r-1a2b3c +checkout +capture http\.server\.duration every 1s +alice@laptop/)
  })
})

describe('ctl hist reports - hist show', () => {
  const show: HistShowCommand = {
    name: 'hist show',
    service: 'checkout',
    metric: 'http.server.duration',
    perInstance: true,
  }

  test('hist show - prints the merged block and the instances; JSON carries hdr as base64', () => {
    const { merged, instances } = fleetWindow(
      { 'web-1': latencies(100, 5_000), 'web-2': latencies(50, 9_000, 3) },
      { startMs: NOW - 10_000, endMs: NOW },
    )
    const report = histShowReport(show, { merged, instances }, plain)
    assert.equal(report.lines[0], 'checkout http.server.duration (us)  capture r-1a2b3c')
    assert.match(report.lines[1] ?? '', /\(10s\) {2}2\/2 instances$/)
    assert.match(report.lines[2] ?? '', /^count 150 {2}rate 15\/s/)
    assert.ok(report.lines.some((line) => /^web-2 +50 +5\/s/.test(line)))
    const json = JSON.parse(JSON.stringify(report.json))
    assert.equal(typeof json.merged.hdr, 'string')
    assert.equal(json.instances.length, 2)
    assert.equal(json.summary.count, 150)
  })

  test('hist show - no closed window yet exits 0 and says so', () => {
    const report = histShowReport(show, {}, plain)
    assert.equal(report.exitCode, 0)
    assert.match(report.lines[0] ?? '', /^no closed window yet for checkout http\.server\.duration/)
  })
})
