import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type ParsedCommandLine, parseCommandLine } from '../src/ctl/args.js'
import { commandTable } from '../src/ctl/completion.js'
import { main } from '../src/ctl/main.js'
import { memoryIo } from './fixtures/ctl-io.js'

const ID = 'checkout-0123456789ab-1'

function command(argv: string[]) {
  const parsed = parseCommandLine(argv, {})
  assert.equal(parsed.kind, 'run', `expected a command, got ${JSON.stringify(parsed)}`)
  return (parsed as Extract<ParsedCommandLine, { kind: 'run' }>).command
}

function usageError(argv: string[], message: RegExp) {
  const parsed = parseCommandLine(argv, {})
  assert.equal(
    parsed.kind,
    'usage-error',
    `expected a usage error for ${argv.join(' ')}, got ${JSON.stringify(parsed)}`,
  )
  const error = parsed as Extract<ParsedCommandLine, { kind: 'usage-error' }>
  assert.match(error.message, message)
  return error
}

describe('ctl incidents args - commands', () => {
  test('incidents - optional svc=, --status and --limit', () => {
    assert.deepEqual(command(['incidents']), { name: 'incidents' })
    assert.deepEqual(command(['incidents', 'svc=checkout', '--status', 'open', '--limit', '5']), {
      name: 'incidents',
      service: 'checkout',
      status: 'open',
      limit: 5,
    })
  })

  test('incident show|ack|close - one incident id, --reason for ack and close', () => {
    assert.deepEqual(command(['incident', 'show', ID]), { name: 'incident show', id: ID })
    assert.deepEqual(command(['incident', 'ack', ID, '--reason', 'on it']), {
      name: 'incident ack',
      id: ID,
      reason: 'on it',
    })
    assert.deepEqual(command(['incident', 'close', ID]), { name: 'incident close', id: ID })
  })

  test('incident open - svc=, optional inst=, --title and --reason', () => {
    assert.deepEqual(
      command(['incident', 'open', 'svc=checkout', 'inst=web1', '--title', ' slow payments ', '--reason', 'call']),
      {
        name: 'incident open',
        service: 'checkout',
        instance: 'web1',
        title: 'slow payments',
        reason: 'call',
      },
    )
  })

  test('checks, check run, check set - name=, inst=, every=, --pause / --resume, --ttl', () => {
    assert.deepEqual(command(['checks', 'svc=checkout', 'inst=web1']), {
      name: 'checks',
      service: 'checkout',
      instance: 'web1',
    })
    assert.deepEqual(command(['check', 'run', 'svc=checkout', 'name=db-ping', 'inst=web1', '--wait', '3s']), {
      name: 'check run',
      service: 'checkout',
      check: 'db-ping',
      instance: 'web1',
      waitMs: 3_000,
    })
    assert.deepEqual(
      command(['check', 'set', 'svc=checkout', 'name=db-ping', 'every=30s', '--ttl', '1h', '--reason', 'x']),
      {
        name: 'check set',
        service: 'checkout',
        check: 'db-ping',
        everyMs: 30_000,
        ttlMs: 3_600_000,
        reason: 'x',
      },
    )
    assert.deepEqual(command(['check', 'set', 'svc=checkout', 'name=db-ping', '--pause']), {
      name: 'check set',
      service: 'checkout',
      check: 'db-ping',
      paused: true,
    })
    assert.equal(
      (command(['check', 'set', 'svc=checkout', 'name=db-ping', '--resume']) as { paused?: boolean }).paused,
      false,
    )
  })

  test('quarantine, release, inspect - svc= and inst=', () => {
    assert.deepEqual(command(['quarantine', 'svc=checkout', 'inst=web3', '--reason', 'leak', '--ttl', '2h']), {
      name: 'quarantine',
      service: 'checkout',
      instance: 'web3',
      ttlMs: 7_200_000,
      reason: 'leak',
    })
    assert.deepEqual(command(['release', 'svc=checkout', 'inst=web3', '--wait', '2s']), {
      name: 'release',
      service: 'checkout',
      instance: 'web3',
      waitMs: 2_000,
    })
    assert.deepEqual(command(['inspect', 'svc=checkout', 'inst=web3', '--ttl', '15m']), {
      name: 'inspect',
      service: 'checkout',
      instance: 'web3',
      ttlMs: 900_000,
    })
  })
})

describe('ctl incidents args - mistakes', () => {
  test('each mistake names the word at fault and points at the command usage', () => {
    const cases: Array<[string[], RegExp, string]> = [
      [['incidents', '--status', 'pending'], /bad --status "pending": expected open, acked, closed/, 'incidents'],
      [['incidents', '--limit', '0'], /bad --limit "0"/, 'incidents'],
      [['incident', 'show'], /needs an incident ID/, 'incident show'],
      [['incident', 'show', 'nope'], /bad incident ID "nope"/, 'incident show'],
      [['incident', 'show', ID, ID], /takes one incident ID/, 'incident show'],
      [['incident', 'shw', ID], /unknown incident subcommand "shw" \(expected show, ack, close, open\)/, 'incident'],
      [['incident', 'open', 'svc=checkout'], /needs --title/, 'incident open'],
      [['incident', 'open', '--title', 'x'], /needs svc=SERVICE/, 'incident open'],
      [['checks'], /needs svc=SERVICE/, 'checks'],
      [['checks', 'svc=checkout', 'name=db'], /unknown key "name="/, 'checks'],
      [['check', 'run', 'svc=checkout'], /needs name=CHECK/, 'check run'],
      [['check', 'run', 'svc=checkout', 'name=db ping'], /bad name="db ping"/, 'check run'],
      [['check', 'set', 'svc=checkout', 'name=db'], /needs every=DURATION, --pause or --resume/, 'check set'],
      [['check', 'set', 'svc=checkout', 'name=db', '--pause', '--resume'], /exclude each other/, 'check set'],
      [['check', 'set', 'svc=checkout', 'name=db', 'every=500ms'], /at least 1s/, 'check set'],
      [['check', 'set', 'svc=checkout', 'name=db', 'every=30'], /give a unit/, 'check set'],
      [['quarantine', 'svc=checkout'], /needs inst=ID/, 'quarantine'],
      [['quarantine', 'svc=checkout', 'inst=web 1'], /bad inst=/, 'quarantine'],
      [['release', 'svc=checkout', 'inst=web1', '--ttl', '1h'], /unknown option --ttl for release/, 'release'],
      [['inspect', 'svc=checkout', 'inst=web1', '--ttl', '2d'], /at most/, 'inspect'],
      [['inspect', 'svc=checkout', 'web1'], /unexpected argument "web1"/, 'inspect'],
    ]
    for (const [argv, message, usage] of cases) {
      const error = usageError(argv, message)
      assert.ok(
        error.usage.startsWith(`usage: ctl ${usage}`),
        `${argv.join(' ')} → usage of ${usage}, got ${error.usage.split('\n')[0]}`,
      )
    }
  })

  test('a typo exits 2 with the message and the usage, without calling the server', async () => {
    const { io, captured } = memoryIo()
    const code = await main(['quarantien', 'svc=checkout', 'inst=web1'], io)
    assert.equal(code, 2)
    assert.match(captured.err, /^ctl: unknown command "quarantien"/)
    assert.match(captured.err, /quarantine svc=S inst=I/, 'the global usage lists the command')
    const sub = memoryIo()
    assert.equal(await main(['check', 'runn', 'svc=checkout', 'name=db'], sub.io), 2)
    assert.match(sub.captured.err, /unknown check subcommand "runn" \(expected run, set\)/)
    assert.match(sub.captured.err, /usage: ctl check <run\|set>/)
  })

  test('help and completion know every new command', async () => {
    for (const topic of [['incidents'], ['incident', 'open'], ['check', 'set'], ['quarantine'], ['inspect']]) {
      const { io, captured } = memoryIo()
      assert.equal(await main(['help', ...topic], io), 0)
      assert.ok(captured.out.startsWith(`usage: ctl ${topic.join(' ')}`), captured.out.split('\n')[0])
    }
    const table = commandTable()
    assert.deepEqual(table.groups.incident, ['show', 'ack', 'close', 'open'])
    assert.deepEqual(table.groups.check, ['run', 'set'])
    assert.deepEqual(table.words['check set']?.keys, ['svc=', 'name=', 'inst=', 'every='])
    assert.ok(table.words['check set']?.flags.includes('--pause'))
  })
})
