import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, type TestContext, test } from 'node:test'
import { configPath } from '../src/ctl/config-file.js'
import { resolveServer } from '../src/ctl/contexts.js'
import { main } from '../src/ctl/main.js'
import { closedPort, memoryIo } from './fixtures/ctl-io.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

async function tempConfig(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-ctl-config-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  return join(dir, 'nested', 'config.json')
}

async function ctl(argv: string[], env: Record<string, string>) {
  const { io, captured } = memoryIo({ env })
  const code = await main(argv, io)
  return { code, ...captured }
}

describe('ctl config - contexts in the config file', () => {
  test('ctl config - set-context, use-context and get-contexts write and read the file', async (t) => {
    const path = await tempConfig(t)
    const env = { PRODBENCH_CONFIG: path }
    const set = await ctl(['config', 'set-context', 'prod', '--server', 'cp.prod:7420'], env)
    assert.equal(set.code, 0, set.err)
    assert.equal(set.out, `context "prod" created: server cp.prod:7420 (${path})\n`)
    assert.equal((await ctl(['config', 'set-context', 'staging', '--server', '10.1.0.7:7420'], env)).code, 0)
    const modified = await ctl(['config', 'set-context', 'staging', '--server', '10.1.0.8:7420'], env)
    assert.match(modified.out, /context "staging" modified: server 10\.1\.0\.8:7420/)
    assert.equal(
      (await ctl(['config', 'use-context', 'staging'], env)).out,
      'switched to context "staging" (10.1.0.8:7420)\n',
    )

    const listed = await ctl(['config', 'get-contexts'], env)
    assert.equal(
      listed.out,
      ['CURRENT  NAME     SERVER', '         prod     cp.prod:7420', '*        staging  10.1.0.8:7420', ''].join('\n'),
    )
    assert.equal((await ctl(['config', 'current-context'], env)).out, 'staging\n')
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), {
      contexts: { prod: { server: 'cp.prod:7420' }, staging: { server: '10.1.0.8:7420' } },
      currentContext: 'staging',
    })
    assert.equal((await stat(path)).mode & 0o777, 0o600, 'the file is private to its owner')
    const json = JSON.parse((await ctl(['--json', 'config', 'get-contexts'], env)).out)
    assert.equal(json.currentContext, 'staging')
    assert.equal(json.contexts.length, 2)

    const deleted = await ctl(['config', 'delete-context', 'staging'], env)
    assert.match(deleted.out, /deleted context "staging"; there is no current context now/)
    assert.equal((await ctl(['config', 'current-context'], env)).code, 1)
  })

  test('ctl config - bad names, a missing --server and unknown contexts are usage errors (exit 2)', async (t) => {
    const env = { PRODBENCH_CONFIG: await tempConfig(t) }
    const noServer = await ctl(['config', 'set-context', 'prod'], env)
    assert.equal(noServer.code, 2)
    assert.match(noServer.err, /^ctl: config set-context needs --server HOST:PORT\n\nusage: ctl config/)
    const badServer = await ctl(['config', 'set-context', 'prod', '--server', 'nope'], env)
    assert.match(badServer.err, /^ctl: bad --server "nope": expected HOST:PORT/)
    assert.match(
      (await ctl(['config', 'set-context', '-x'], env)).err,
      /^ctl: unknown option -x for config set-context\n/,
    )
    assert.match((await ctl(['config', 'use-context'], env)).err, /^ctl: config use-context needs a context NAME/)
    assert.match((await ctl(['config', 'set-context', 'a/b', '--server', 'h:1'], env)).err, /bad context name "a\/b"/)
    const unknown = await ctl(['config', 'use-context', 'prod'], env)
    assert.equal(unknown.code, 2)
    assert.match(unknown.err, /context "prod" is not in .*none is set: ctl config set-context NAME --server HOST:PORT/)
    assert.match((await ctl(['config', 'frob'], env)).err, /unknown config subcommand "frob"/)
  })

  test('ctl config - the file is found through PRODBENCH_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
    assert.equal(configPath({ PRODBENCH_CONFIG: '/etc/pb.json', XDG_CONFIG_HOME: '/x', HOME: '/h' }), '/etc/pb.json')
    assert.equal(configPath({ XDG_CONFIG_HOME: '/x', HOME: '/h' }), '/x/prodbench/config.json')
    assert.equal(configPath({ HOME: '/h' }), '/h/.config/prodbench/config.json')
  })
})

describe('ctl contexts - which server a command talks to', () => {
  test('contexts - precedence: --server, then --context, then PRODBENCH_SERVER, then the current context', async (t) => {
    const path = await tempConfig(t)
    const env = { PRODBENCH_CONFIG: path }
    await ctl(['config', 'set-context', 'prod', '--server', 'prod:1'], env)
    await ctl(['config', 'set-context', 'dev', '--server', 'dev:2'], env)
    await ctl(['config', 'use-context', 'dev'], env)
    const withEnv = { ...env, PRODBENCH_SERVER: 'envhost:3' }
    const flag = await resolveServer(['--server', 'flag:4', '--context', 'prod', 'ls'], withEnv)
    assert.deepEqual([flag.source, flag.argv], ['flag', ['--server', 'flag:4', 'ls']])
    const context = await resolveServer(['ls', '--context=prod'], withEnv)
    assert.deepEqual([context.source, context.argv], ['context-flag', ['--server', 'prod:1', 'ls']])
    assert.equal((await resolveServer(['ls'], withEnv)).source, 'env')
    const current = await resolveServer(['ls'], env)
    assert.deepEqual([current.source, current.server, current.context], ['current-context', 'dev:2', 'dev'])
    const none = await resolveServer(['ls'], { PRODBENCH_CONFIG: `${path}.missing` })
    assert.deepEqual([none.source, none.argv], ['default', ['ls']])
  })

  test('contexts - ls reaches the control plane named by --context and by the current context', async (t) => {
    const { cp } = await startTestControlPlane(t)
    const env = { PRODBENCH_CONFIG: await tempConfig(t), NO_COLOR: '1' }
    const down = `127.0.0.1:${await closedPort()}`
    await ctl(['config', 'set-context', 'live', '--server', cp.grpcAddress], env)
    await ctl(['config', 'set-context', 'down', '--server', down], env)
    await ctl(['config', 'use-context', 'down'], env)
    const viaFlag = await ctl(['--context', 'live', '--json', 'ls'], env)
    assert.equal(viaFlag.code, 0, viaFlag.err)
    assert.equal(JSON.parse(viaFlag.out).summary.command, 'ls')
    const viaCurrent = await ctl(['ls'], env)
    assert.equal(viaCurrent.code, 3)
    assert.match(viaCurrent.err, new RegExp(`cannot reach the control plane at ${down}`))
    const unknown = await ctl(['--context', 'nope', 'ls'], env)
    assert.equal(unknown.code, 2)
    assert.match(unknown.err, /^ctl: context "nope" is not in .* \(known: down, live\)/)
  })

  test('contexts - a broken config file is reported with its path, and --server still works without it', async (t) => {
    const path = await tempConfig(t)
    await ctl(['config', 'set-context', 'a', '--server', 'h:1'], { PRODBENCH_CONFIG: path })
    await writeFile(path, '{"contexts": {"a": {"server": 7}}}')
    const broken = await ctl(['ls'], { PRODBENCH_CONFIG: path })
    assert.equal(broken.code, 2)
    assert.match(broken.err, new RegExp(`^ctl: config file ${path}: contexts\\.a\\.server: `))
    const help = await ctl(['--help'], { PRODBENCH_CONFIG: path })
    assert.equal(help.code, 0)
    const down = `127.0.0.1:${await closedPort()}`
    assert.equal((await ctl(['--server', down, 'ls'], { PRODBENCH_CONFIG: path })).code, 3)
  })
})
