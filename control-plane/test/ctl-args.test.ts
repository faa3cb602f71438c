import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type ParsedCommandLine, parseCommandLine } from '../src/ctl/args.js'

function run(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseCommandLine(argv, env)
  assert.equal(parsed.kind, 'run', `expected a command, got ${JSON.stringify(parsed)}`)
  return parsed as Extract<ParsedCommandLine, { kind: 'run' }>
}

function usageError(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseCommandLine(argv, env)
  assert.equal(parsed.kind, 'usage-error', `expected a usage error, got ${JSON.stringify(parsed)}`)
  return parsed as Extract<ParsedCommandLine, { kind: 'usage-error' }>
}

describe('ctl args - commands', () => {
  test('ctl args - ls uses the default server, text output and colour', () => {
    assert.deepEqual(run(['ls']), {
      kind: 'run',
      options: { server: '127.0.0.1:7420', json: false, color: true },
      command: { name: 'ls' },
    })
  })

  test('ctl args - global flags work before and after the command', () => {
    for (const argv of [
      ['--server', 'cp.internal:9000', '--json', 'ls'],
      ['ls', '--json', '--server=cp.internal:9000'],
    ]) {
      assert.deepEqual(run(argv).options, { server: 'cp.internal:9000', json: true, color: true })
    }
  })

  test('ctl args - PRODBENCH_SERVER is used, and --server wins over it', () => {
    assert.equal(run(['ls'], { PRODBENCH_SERVER: '10.0.0.5:7420' }).options.server, '10.0.0.5:7420')
    assert.equal(
      run(['--server', '[::1]:7000', 'ls'], { PRODBENCH_SERVER: '10.0.0.5:7420' }).options.server,
      '[::1]:7000',
    )
  })

  test('ctl args - --no-color and NO_COLOR turn colour off, an empty NO_COLOR does not', () => {
    assert.equal(run(['--no-color', 'ls']).options.color, false)
    assert.equal(run(['ls'], { NO_COLOR: '1' }).options.color, false)
    assert.equal(run(['ls'], { NO_COLOR: '' }).options.color, true)
  })

  test('ctl args - status and rules take svc=', () => {
    assert.deepEqual(run(['status', 'svc=checkout']).command, { name: 'status', service: 'checkout' })
    assert.deepEqual(run(['rules', 'svc=checkout']).command, { name: 'rules', service: 'checkout' })
  })

  test('ctl args - set-level with every option', () => {
    const argv = ['set-level', 'svc=checkout', 'debug', 'logger=db.pool', 'inst=web-1', '--ttl', '15m']
    argv.push('--reason', 'slow queries', '--wait=2s')
    assert.deepEqual(run(argv).command, {
      name: 'set-level',
      service: 'checkout',
      level: 'debug',
      logger: 'db.pool',
      instance: 'web-1',
      ttlMs: 900_000,
      reason: 'slow queries',
      waitMs: 2_000,
    })
  })

  test('ctl args - set-level leaves out what was not given, and reads levels case-insensitively', () => {
    assert.deepEqual(run(['set-level', 'WARN', 'svc=checkout']).command, {
      name: 'set-level',
      service: 'checkout',
      level: 'warn',
    })
  })

  test('ctl args - set-level accepts a logger pattern with "*"', () => {
    const { command } = run(['set-level', 'svc=checkout', 'trace', 'logger=*.pool'])
    assert.equal(command.name === 'set-level' && command.logger, '*.pool')
  })

  test('ctl args - reset takes a selector and change options', () => {
    assert.deepEqual(run(['reset', 'svc=checkout', 'logger=db', 'inst=web-1', '--wait', '1m']).command, {
      name: 'reset',
      service: 'checkout',
      logger: 'db',
      instance: 'web-1',
      waitMs: 60_000,
    })
  })

  test('ctl args - rm takes rule ids, once each', () => {
    assert.deepEqual(run(['rm', 'svc=checkout', 'r-1', 'r_2', 'r-1', '--reason', 'done']).command, {
      name: 'rm',
      service: 'checkout',
      ruleIds: ['r-1', 'r_2'],
      reason: 'done',
    })
  })
})

describe('ctl args - usage errors name the problem', () => {
  const cases: [string, string[], RegExp, string?][] = [
    ['no command', [], /^missing command$/],
    ['unknown command', ['frob'], /^unknown command "frob"$/],
    ['unknown flag', ['set-level', 'svc=a', 'debug', '--bogus'], /^unknown option --bogus for set-level$/, 'set-level'],
    ['flag of another command', ['ls', '--ttl', '5m'], /^unknown option --ttl for ls$/, 'ls'],
    ['unknown global flag', ['--verbose', 'ls'], /^unknown option --verbose/, 'ls'],
    ['flag without its value', ['set-level', 'svc=a', 'debug', '--ttl'], /^--ttl needs a value$/, 'set-level'],
    ['value on a boolean flag', ['ls', '--json=yes'], /^--json takes no value$/, 'ls'],
    ['missing svc=', ['set-level', 'debug'], /^set-level needs svc=SERVICE/, 'set-level'],
    ['missing svc= on status', ['status'], /^status needs svc=SERVICE/, 'status'],
    ['bad level', ['set-level', 'svc=a', 'loud'], /^unknown level "loud" \(expected one of trace, debug/, 'set-level'],
    ['missing level', ['set-level', 'svc=a'], /^set-level needs a LEVEL/, 'set-level'],
    [
      'two levels',
      ['set-level', 'svc=a', 'db', 'debug'],
      /got "db", "debug" \(did you mean logger=NAME\?\)/,
      'set-level',
    ],
    [
      'bad duration',
      ['set-level', 'svc=a', 'debug', '--ttl', '15x'],
      /^bad --ttl "15x": expected a duration/,
      'set-level',
    ],
    [
      'duration without unit',
      ['set-level', 'svc=a', 'debug', '--ttl', '15'],
      /^bad --ttl "15": give a unit, e\.g\. 15s/,
      'set-level',
    ],
    [
      'zero duration',
      ['set-level', 'svc=a', 'debug', '--ttl', '0s'],
      /^bad --ttl "0s": must be longer than 0$/,
      'set-level',
    ],
    [
      'ttl past the maximum',
      ['set-level', 'svc=a', 'debug', '--ttl', '400d'],
      /^bad --ttl "400d": at most 366d$/,
      'set-level',
    ],
    ['wait past the maximum', ['reset', 'svc=a', '--wait', '11m'], /^bad --wait "11m": at most 10m$/, 'reset'],
    ['bad service name', ['status', 'svc=check.out'], /^bad svc="check\.out": may only contain letters/, 'status'],
    ['empty service name', ['status', 'svc='], /^bad svc="": must not be empty$/, 'status'],
    ['bad logger', ['reset', 'svc=a', 'logger=db..pool'], /^bad logger="db\.\.pool": must be dot-separated/, 'reset'],
    ['bad instance', ['reset', 'svc=a', 'inst=web 1'], /^bad inst="web 1": may only contain/, 'reset'],
    ['unknown key', ['status', 'svc=a', 'logger=db'], /^unknown key "logger=" \(status takes svc=\)$/, 'status'],
    ['key on ls', ['ls', 'svc=a'], /^unknown key "svc=" \(ls takes none\)$/, 'ls'],
    ['key twice', ['rules', 'svc=a', 'svc=b'], /^svc= given twice$/, 'rules'],
    ['extra word', ['status', 'svc=a', 'now'], /^unexpected argument "now"$/, 'status'],
    ['rm without ids', ['rm', 'svc=a'], /^rm needs at least one RULE_ID/, 'rm'],
    ['bad rule id', ['rm', 'svc=a', 'r/1'], /^bad rule id "r\/1": must be 1-64 letters/, 'rm'],
    ['bad --server', ['--server', 'localhost', 'ls'], /^bad --server "localhost": expected HOST:PORT/],
    ['bad port', ['--server', 'localhost:70000', 'ls'], /^bad --server "localhost:70000": port must be 1-65535/],
  ]
  for (const [what, argv, message, usageOf] of cases) {
    test(`ctl args - ${what}: ${argv.join(' ') || '(nothing)'}`, () => {
      const error = usageError(argv)
      assert.match(error.message, message)
      assert.match(error.usage, new RegExp(`^usage: ctl ${usageOf ? `${usageOf}\\b` : '\\['}`))
    })
  }

  test('ctl args - a bad PRODBENCH_SERVER is named as such', () => {
    assert.match(usageError(['ls'], { PRODBENCH_SERVER: 'nope' }).message, /^bad PRODBENCH_SERVER "nope"/)
  })
})

describe('ctl args - help', () => {
  test('ctl args - --help and -h show the global usage with every command and the exit codes', () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const parsed = parseCommandLine(argv, {})
      assert.equal(parsed.kind, 'help')
      const text = (parsed as { text: string }).text
      for (const word of ['ls', 'status', 'set-level', 'reset', 'rules', 'rm', 'exit codes', 'PRODBENCH_SERVER']) {
        assert.ok(text.includes(word), `global help lacks ${word}`)
      }
    }
  })

  test('ctl args - <command> --help and help <command> show that command, even next to bad flags', () => {
    for (const argv of [
      ['set-level', '--help'],
      ['help', 'set-level'],
      ['set-level', '-h', '--bogus'],
    ]) {
      const parsed = parseCommandLine(argv, {})
      assert.equal(parsed.kind, 'help')
      assert.match((parsed as { text: string }).text, /^usage: ctl set-level svc=SERVICE LEVEL/)
    }
  })

  test('ctl args - help for an unknown command is a usage error', () => {
    assert.match(usageError(['help', 'frob']).message, /unknown command "frob"/)
  })

  test('ctl args - every help text fits in 80 columns', () => {
    const topics = ['', 'ls', 'status', 'set-level', 'reset', 'rules', 'rm', 'help', 'capture', 'hist']
    topics.push('capture start', 'capture ls', 'capture stop', 'hist show', 'hist watch')
    for (const topic of topics) {
      const parsed = parseCommandLine(['help', ...topic.split(' ').filter(Boolean)], {})
      for (const line of (parsed as { text: string }).text.split('\n')) {
        assert.ok(line.length <= 80, `help ${topic}: line longer than 80: ${line}`)
      }
    }
  })
})
