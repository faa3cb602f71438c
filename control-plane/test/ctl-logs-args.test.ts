import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type ParsedCommandLine, parseCommandLine } from '../src/ctl/args.js'
import { main } from '../src/ctl/main.js'
import { closedPort, memoryIo } from './fixtures/ctl-io.js'

function command(argv: string[]) {
  const parsed = parseCommandLine(argv, {})
  assert.equal(parsed.kind, 'run', `expected a command, got ${JSON.stringify(parsed)}`)
  return (parsed as Extract<ParsedCommandLine, { kind: 'run' }>).command
}

function usageError(argv: string[]) {
  const parsed = parseCommandLine(argv, {})
  assert.equal(
    parsed.kind,
    'usage-error',
    `expected a usage error for ${argv.join(' ')}, got ${JSON.stringify(parsed)}`,
  )
  return parsed as Extract<ParsedCommandLine, { kind: 'usage-error' }>
}

describe('ctl logs args - commands', () => {
  test('set-level - --where adds request attributes, split on commas before another name', () => {
    const argv = ['set-level', 'svc=checkout', 'debug', 'logger=db', '--where', 'user=42,tenant=acme', '--ttl', '15m']
    assert.deepEqual(command(argv), {
      name: 'set-level',
      service: 'checkout',
      logger: 'db',
      where: { user: '42', tenant: 'acme' },
      level: 'debug',
      ttlMs: 900_000,
    })
    const repeated = command(['set-level', 'svc=checkout', 'debug', '--where', 'route=/a,b', '--where=trace=abc'])
    assert.deepEqual((repeated as { where?: unknown }).where, { route: '/a,b', trace: 'abc' })
  })

  test('sample - level, rate (fraction or percent), logger, where and ttl', () => {
    assert.deepEqual(
      command([
        'sample',
        'svc=checkout',
        'level=debug',
        'rate=0.1',
        'logger=db',
        '--where',
        'tenant=acme',
        '--ttl',
        '1h',
      ]),
      {
        name: 'sample',
        service: 'checkout',
        logger: 'db',
        where: { tenant: 'acme' },
        level: 'debug',
        rate: 0.1,
        ttlMs: 3_600_000,
      },
    )
    assert.equal((command(['sample', 'svc=checkout', 'level=info', 'rate=25%']) as { rate: number }).rate, 0.25)
  })

  test('budget - records and bytes with units, per instance', () => {
    assert.deepEqual(
      command(['budget', 'svc=checkout', 'records=1000', 'bytes=1MiB', 'inst=web1', '--reason', 'flood']),
      {
        name: 'budget',
        service: 'checkout',
        instance: 'web1',
        recordsPerSec: 1_000,
        bytesPerSec: 1_048_576,
        reason: 'flood',
      },
    )
    assert.deepEqual(command(['budget', 'svc=checkout', 'bytes=512KiB']), {
      name: 'budget',
      service: 'checkout',
      bytesPerSec: 524_288,
    })
  })

  test('record - a 1h TTL by default, --ttl 0 for none', () => {
    assert.deepEqual(command(['record', 'svc=checkout', 'level=debug', 'logger=db']), {
      name: 'record',
      service: 'checkout',
      logger: 'db',
      level: 'debug',
      ttlMs: 3_600_000,
    })
    assert.equal((command(['record', 'svc=checkout', 'level=trace', '--ttl', '0']) as { ttlMs: number }).ttlMs, 0)
  })

  test('tail - selector, level, where, ttl and rate', () => {
    const argv = ['tail', 'svc=checkout', 'inst=web1', 'logger=db', 'level=debug', '--where', 'user=42']
    argv.push('--ttl', '10m', '--max-per-sec', '50', '--json')
    const parsed = parseCommandLine(argv, {}) as Extract<ParsedCommandLine, { kind: 'run' }>
    assert.equal(parsed.options.json, true)
    assert.deepEqual(parsed.command, {
      name: 'tail',
      service: 'checkout',
      instance: 'web1',
      logger: 'db',
      where: { user: '42' },
      level: 'debug',
      ttlMs: 600_000,
      maxPerSec: 50,
    })
    assert.deepEqual(command(['tail', 'svc=checkout']), { name: 'tail', service: 'checkout' })
  })

  test('dump - last, where, logger, level and wait', () => {
    const argv = [
      'dump',
      'svc=checkout',
      'inst=web1',
      '--last',
      '200',
      '--where',
      'user=42',
      'logger=db',
      'level=debug',
    ]
    argv.push('--wait', '3s')
    assert.deepEqual(command(argv), {
      name: 'dump',
      service: 'checkout',
      instance: 'web1',
      logger: 'db',
      where: { user: '42' },
      level: 'debug',
      last: 200,
      waitMs: 3_000,
    })
  })
})

describe('ctl logs args - typos are usage errors naming the word, with the command usage', () => {
  const cases: Array<[string[], RegExp, string]> = [
    [['sample', 'svc=checkout', 'level=debug'], /sample needs rate=R/, 'sample'],
    [['sample', 'svc=checkout', 'rate=0.1'], /sample needs level=LEVEL/, 'sample'],
    [
      ['sample', 'svc=checkout', 'level=debug', 'rate=2'],
      /bad rate="2": expected a fraction above 0 and at most 1/,
      'sample',
    ],
    [['sample', 'svc=checkout', 'level=debug', 'rate=0'], /bad rate="0"/, 'sample'],
    [['sample', 'svc=checkout', 'level=loud', 'rate=0.1'], /bad level="loud"/, 'sample'],
    [
      ['sample', 'svc=checkout', 'debug', 'rate=0.1'],
      /unexpected argument "debug" \(did you mean level=LEVEL\?\)/,
      'sample',
    ],
    [['budget', 'svc=checkout'], /budget needs records=N and\/or bytes=SIZE/, 'budget'],
    [['budget', 'svc=checkout', 'records=lots'], /bad records="lots": expected a whole number/, 'budget'],
    [['budget', 'svc=checkout', 'bytes=1XB'], /bad bytes="1XB": expected a size/, 'budget'],
    [['budget', 'svc=checkout', 'records=10', 'logger=db'], /unknown key "logger="/, 'budget'],
    [['budget', 'svc=checkout', 'records=10', '--where', 'user=1'], /unknown option --where for budget/, 'budget'],
    [['record', 'svc=checkout'], /record needs level=LEVEL/, 'record'],
    [['record', 'svc=checkout', 'level=silent'], /bad level="silent"/, 'record'],
    [['record', 'svc=checkout', 'level=debug', '--ttl', '15'], /bad --ttl "15": give a unit/, 'record'],
    [['tail'], /tail needs svc=SERVICE/, 'tail'],
    [['tail', 'svc=checkout', '--where', 'user'], /bad --where "user": expected NAME=VALUE/, 'tail'],
    [['tail', 'svc=checkout', '--where', 'user='], /bad --where user=: give a value/, 'tail'],
    [['tail', 'svc=checkout', '--where', 'user id=4'], /bad --where name "user id"/, 'tail'],
    [['tail', 'svc=checkout', '--where', 'user=1,user=2'], /--where user= given twice/, 'tail'],
    [['tail', 'svc=checkout', '--max-per-sec', '0'], /bad --max-per-sec "0": must be 1 to 5000/, 'tail'],
    [['tail', 'svc=checkout', '--folow'], /unknown option --folow for tail/, 'tail'],
    [['dump', 'svc=checkout', '--last', 'all'], /bad --last "all": expected a whole number/, 'dump'],
    [['dump', 'svc=checkout', '--ttl', '1m'], /unknown option --ttl for dump/, 'dump'],
    [['dump', 'svc=check out'], /bad svc="check out"/, 'dump'],
    [['set-level', 'svc=checkout', 'debug', '--where', 'tenant'], /bad --where "tenant"/, 'set-level'],
  ]
  for (const [argv, message, name] of cases) {
    test(`${argv.join(' ')}`, () => {
      const error = usageError(argv)
      assert.match(error.message, message)
      assert.match(error.usage, new RegExp(`^usage: ctl ${name} `))
    })
  }

  test('ctl logs args - a typo exits 2 with the message and the usage, before any connection', async () => {
    const port = await closedPort()
    const { io, captured } = memoryIo()
    const code = await main(['--server', `127.0.0.1:${port}`, 'sample', 'svc=checkout', 'level=debug', 'rate=abc'], io)
    assert.equal(code, 2)
    assert.match(captured.err, /^ctl: bad rate="abc"/)
    assert.match(captured.err, /usage: ctl sample svc=SERVICE level=LEVEL rate=R/)
    assert.equal(captured.out, '')
  })

  test('ctl logs args - every new help text fits in 80 columns', () => {
    for (const topic of ['sample', 'budget', 'record', 'tail', 'dump', 'set-level', '']) {
      const parsed = parseCommandLine(['help', ...topic.split(' ').filter(Boolean)], {}) as { text: string }
      assert.match(parsed.text, /^usage: ctl /)
      for (const line of parsed.text.split('\n')) assert.ok(line.length <= 80, `help ${topic}: ${line}`)
    }
  })
})
