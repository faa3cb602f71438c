import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type ParsedCommandLine, parseCommandLine } from '../src/ctl/args.js'

function command(argv: string[]) {
  const parsed = parseCommandLine(argv, {})
  assert.equal(parsed.kind, 'run', `expected a command, got ${JSON.stringify(parsed)}`)
  return (parsed as Extract<ParsedCommandLine, { kind: 'run' }>).command
}

function usageError(argv: string[]) {
  const parsed = parseCommandLine(argv, {})
  assert.equal(parsed.kind, 'usage-error', `expected a usage error, got ${JSON.stringify(parsed)}`)
  return parsed as Extract<ParsedCommandLine, { kind: 'usage-error' }>
}

function helpText(argv: string[]): string {
  const parsed = parseCommandLine(argv, {})
  assert.equal(parsed.kind, 'help', `expected help, got ${JSON.stringify(parsed)}`)
  return (parsed as Extract<ParsedCommandLine, { kind: 'help' }>).text
}

describe('ctl hist args - capture start', () => {
  test('capture start - defaults to a 1s interval and a 10m TTL', () => {
    assert.deepEqual(command(['capture', 'start', 'svc=checkout', 'metric=http.server.duration']), {
      name: 'capture start',
      service: 'checkout',
      metric: 'http.server.duration',
      intervalMs: 1_000,
      ttlMs: 600_000,
    })
  })

  test('capture start - takes a pattern, an instance and every option, in any order', () => {
    const argv = ['capture', '--interval', '5s', 'start', 'svc=checkout']
    // A flag between "capture" and "start" is not the subcommand: refused with the group usage.
    assert.match(usageError(argv).message, /^capture needs a subcommand: start, ls, stop$/)
    const full = ['capture', 'start', '--ttl', '1h', 'metric=http.**', 'svc=checkout', 'inst=web-1']
    full.push('--interval=1m', '--reason', 'p99 regression', '--wait', '2s')
    assert.deepEqual(command(full), {
      name: 'capture start',
      service: 'checkout',
      metric: 'http.**',
      instance: 'web-1',
      intervalMs: 60_000,
      ttlMs: 3_600_000,
      reason: 'p99 regression',
      waitMs: 2_000,
    })
  })

  test('capture start - --ttl 0 (with or without a unit) means no expiry', () => {
    for (const ttl of ['0', '0s', '0m']) {
      const parsed = command(['capture', 'start', 'svc=checkout', 'metric=db.query', '--ttl', ttl])
      assert.equal(parsed.name === 'capture start' && parsed.ttlMs, 0, ttl)
    }
  })

  test('capture start - refuses a bad metric pattern, naming it', () => {
    for (const metric of ['http..duration', 'http.**.x', 'http server', '']) {
      const { message, usage } = usageError(['capture', 'start', 'svc=checkout', `metric=${metric}`])
      assert.match(message, new RegExp(`^bad metric="${metric.replace(/[.*]/g, '\\$&')}": `))
      assert.match(usage, /^usage: ctl capture start svc=SERVICE metric=NAME/)
    }
  })

  test('capture start - refuses intervals that are not whole seconds from 1s to 1h', () => {
    const cases: Record<string, RegExp> = {
      '1.5s': /^bad --interval "1.5s": must be whole seconds$/,
      '500ms': /^bad --interval "500ms": at least 1s$/,
      '2h': /^bad --interval "2h": at most 1h$/,
      '10': /^bad --interval "10": give a unit, e.g. 10s or 10m$/,
      soon: /^bad --interval "soon": expected a duration/,
    }
    for (const [interval, expected] of Object.entries(cases)) {
      const argv = ['capture', 'start', 'svc=checkout', 'metric=db.query', '--interval', interval]
      assert.match(usageError(argv).message, expected)
    }
  })

  test('capture start - refuses a bad TTL, a missing metric, a logger= and a stray word', () => {
    const base = ['capture', 'start', 'svc=checkout']
    assert.match(usageError([...base, 'metric=a', '--ttl', '15']).message, /^bad --ttl "15": give a unit/)
    assert.match(usageError([...base, 'metric=a', '--ttl', '400d']).message, /^bad --ttl "400d": at most/)
    assert.match(usageError(base).message, /^capture start needs metric=NAME/)
    assert.match(
      usageError([...base, 'metric=a', 'logger=db']).message,
      /^unknown key "logger=" \(capture start takes svc=, metric=, inst=\)$/,
    )
    assert.match(usageError([...base, 'metric=a', 'debug']).message, /^unexpected argument "debug"$/)
    assert.match(
      usageError([...base, 'metric=a', '--per-instance']).message,
      /^unknown option --per-instance for capture start$/,
    )
    assert.match(usageError(['capture', 'start', 'metric=a']).message, /^capture start needs svc=SERVICE/)
  })
})

describe('ctl hist args - capture ls and stop', () => {
  test('capture ls - takes svc= only', () => {
    assert.deepEqual(command(['capture', 'ls', 'svc=checkout']), { name: 'capture ls', service: 'checkout' })
    assert.match(usageError(['capture', 'ls', 'svc=checkout', 'metric=a']).message, /^unknown key "metric="/)
  })

  test('capture stop - takes ids (deduplicated), --reason and --wait', () => {
    assert.deepEqual(command(['capture', 'stop', 'svc=checkout', 'r-1a', 'r-2b', 'r-1a', '--wait', '1s']), {
      name: 'capture stop',
      service: 'checkout',
      ruleIds: ['r-1a', 'r-2b'],
      waitMs: 1_000,
    })
  })

  test('capture stop - needs an id, and a well-formed one', () => {
    assert.match(
      usageError(['capture', 'stop', 'svc=checkout']).message,
      /^capture stop needs at least one capture ID \(see `ctl capture ls svc=checkout`\)$/,
    )
    assert.match(usageError(['capture', 'stop', 'svc=checkout', 'r/1']).message, /^bad capture id "r\/1": /)
  })
})

describe('ctl hist args - hist show and watch', () => {
  test('hist show - with every option', () => {
    const argv = ['hist', 'show', 'svc=checkout', 'metric=http.server.duration', 'capture=r-1a2b']
    argv.push('--windows', '10', '--per-instance')
    assert.deepEqual(command(argv), {
      name: 'hist show',
      service: 'checkout',
      metric: 'http.server.duration',
      captureId: 'r-1a2b',
      windows: 10,
      perInstance: true,
    })
  })

  test('hist show - leaves out what was not given', () => {
    assert.deepEqual(command(['hist', 'show', 'metric=db.query', 'svc=checkout']), {
      name: 'hist show',
      service: 'checkout',
      metric: 'db.query',
      perInstance: false,
    })
  })

  test('hist show - refuses a bad --windows', () => {
    for (const windows of ['0', '-1', 'ten', '1.5', '100000']) {
      const message = usageError(['hist', 'show', 'svc=checkout', 'metric=a', `--windows=${windows}`]).message
      assert.match(message, new RegExp(`^bad --windows "${windows.replace('.', '\\.')}": `), windows)
    }
  })

  test('hist watch - with --per-instance, --hlog and the global --json', () => {
    const parsed = parseCommandLine(
      [
        'hist',
        'watch',
        'svc=checkout',
        'metric=http.server.duration',
        '--per-instance',
        '--hlog',
        'out.hlog',
        '--json',
      ],
      {},
    )
    assert.equal(parsed.kind, 'run')
    if (parsed.kind !== 'run') return
    assert.equal(parsed.options.json, true)
    assert.deepEqual(parsed.command, {
      name: 'hist watch',
      service: 'checkout',
      metric: 'http.server.duration',
      perInstance: true,
      hlog: 'out.hlog',
    })
  })

  test('hist - a metric pattern is refused: a histogram is one metric', () => {
    for (const sub of ['show', 'watch']) {
      const { message } = usageError(['hist', sub, 'svc=checkout', 'metric=http.*'])
      assert.equal(message, 'bad metric="http.*": a histogram is one metric: give its name, not a pattern')
    }
  })

  test('hist - refuses a missing metric, a bad capture id, an empty --hlog and --windows on watch', () => {
    assert.match(usageError(['hist', 'show', 'svc=checkout']).message, /^hist show needs metric=NAME/)
    assert.match(
      usageError(['hist', 'watch', 'svc=checkout', 'metric=a', 'capture=r 1']).message,
      /^bad capture="r 1": /,
    )
    assert.equal(
      usageError(['hist', 'watch', 'svc=checkout', 'metric=a', '--hlog=']).message,
      '--hlog needs a file name',
    )
    assert.equal(
      usageError(['hist', 'watch', 'svc=checkout', 'metric=a', '--windows', '3']).message,
      'unknown option --windows for hist watch',
    )
    assert.equal(usageError(['hist', 'watch', 'svc=checkout', 'metric=a', '--hlog']).message, '--hlog needs a value')
  })
})

describe('ctl hist args - groups and help', () => {
  test('groups - a missing or unknown subcommand is a usage error with the group usage', () => {
    const missing = usageError(['hist'])
    assert.equal(missing.message, 'hist needs a subcommand: show, watch')
    assert.match(missing.usage, /^usage: ctl hist <show\|watch>/)
    const unknown = usageError(['capture', 'list', 'svc=checkout'])
    assert.equal(unknown.message, 'unknown capture subcommand "list" (expected start, ls, stop)')
    assert.match(unknown.usage, /^usage: ctl capture <start\|ls\|stop>/)
  })

  test('help - every new command has its own help, by --help and by `ctl help`', () => {
    const expected: Record<string, RegExp> = {
      'capture start': /^usage: ctl capture start svc=SERVICE metric=NAME/,
      'capture ls': /^usage: ctl capture ls svc=SERVICE/,
      'capture stop': /^usage: ctl capture stop svc=SERVICE ID/,
      'hist show': /^usage: ctl hist show svc=SERVICE metric=NAME/,
      'hist watch': /^usage: ctl hist watch svc=SERVICE metric=NAME/,
      capture: /^usage: ctl capture <start\|ls\|stop>/,
      hist: /^usage: ctl hist <show\|watch>/,
    }
    for (const [name, pattern] of Object.entries(expected)) {
      const words = name.split(' ')
      assert.match(helpText([...words, '--help']), pattern, `${name} --help`)
      assert.match(helpText(['help', ...words]), pattern, `help ${name}`)
    }
    assert.match(helpText(['hist', 'watch', 'svc=checkout', '-h']), /--hlog FILE/)
    assert.match(helpText(['--help']), /capture start svc=S metric=M/)
    assert.match(usageError(['help', 'hist', 'tail']).message, /^unknown hist subcommand "tail"/)
  })
})
