import assert from 'node:assert/strict'
import { execFile, execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, type TestContext, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { eventually } from '../../test/helpers/eventually.js'
import type { Shell } from '../src/ctl/completion.js'
import { main } from '../src/ctl/main.js'
import { closedPort, memoryIo } from './fixtures/ctl-io.js'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

const BIN = fileURLToPath(new URL('../bin/ctl.js', import.meta.url))

function has(shell: string): boolean {
  try {
    execFileSync('which', [shell], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

async function scriptFile(t: TestContext, shell: Shell): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-completion-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const { io, captured } = memoryIo()
  assert.equal(await main(['completion', shell], io), 0)
  const path = join(dir, `ctl.${shell}`)
  await writeFile(path, captured.out)
  return path
}

/** Runs the bash completion function for the command line `line` (cursor at its end). */
function bashComplete(script: string, line: string, env: Record<string, string> = {}): Promise<string[]> {
  // `ctl` inside the script is the real binary, as on a user's machine.
  const program = `ctl() { node ${JSON.stringify(BIN)} "$@"; }
source ${JSON.stringify(script)}
COMP_LINE="$1"; COMP_POINT=\${#COMP_LINE}
_ctl
printf '%s\\n' "\${COMPREPLY[@]}"`
  return new Promise((resolve, reject) =>
    execFile('bash', ['-c', program, '_', line], { env: { ...process.env, ...env }, timeout: 30_000 }, (err, out) =>
      err ? reject(err) : resolve(out.split('\n').filter(Boolean)),
    ),
  )
}

describe('ctl completion - scripts', () => {
  test('completion - the bash script completes commands, subcommands, flags, keys and levels offline', async (t) => {
    const script = await scriptFile(t, 'bash')
    const cases: Array<[string, string[]]> = [
      ['ctl set-l', ['set-level']],
      ['ctl capture ', ['start', 'ls', 'stop']],
      ['ctl config u', ['use-context']],
      ['ctl set-level --t', ['--ttl']],
      ['ctl set-level svc=checkout de', ['debug']],
      ['ctl hist watch --h', ['--hlog', '--help']],
      ['ctl --server h:1 metrics i', ['inst=']],
      ['ctl --con', ['--context']],
    ]
    for (const [line, expected] of cases) assert.deepEqual(await bashComplete(script, line), expected, line)
  })

  test('completion - the zsh script offers the same words through compadd', {
    skip: !has('zsh') && 'zsh is not installed',
  }, async (t) => {
    const script = await scriptFile(t, 'zsh')
    // compadd only exists inside a completion widget: a stand-in prints what it is given.
    const program = `compdef() { :; }
compadd() { print -r -- "$*"; }
source ${JSON.stringify(script)}
words=(\${(z)1}); [[ "$1" == *" " ]] && words+=('')
CURRENT=\${#words}
_ctl`
    const run = (line: string) => execFileSync('zsh', ['-c', program, '_', line], { encoding: 'utf8' })
    assert.equal(run('ctl capture '), '-- start ls stop\n')
    assert.equal(
      run('ctl set-level svc=checkout '),
      '-S  -- svc= logger= inst=\n-- trace debug info warn error fatal silent\n',
    )
    assert.match(run('ctl hist watch --'), /^-- --per-instance --hlog --server --context --json --no-color --help\n$/)
  })

  test('completion - an unknown shell is a usage error', async () => {
    const { io, captured } = memoryIo()
    assert.equal(await main(['completion', 'fish'], io), 2)
    assert.match(captured.err, /^ctl: completion needs one shell: bash or zsh\n\nusage: ctl completion/)
  })
})

describe('ctl completion - values from the live control plane', () => {
  test('completion - __complete lists services, instances, loggers and metrics of the live fleet', async (t) => {
    const { cp, nats, client } = await startTestControlPlane(t)
    const fake = await startFakeInstance(nats.url, { service: 'checkout', instance: 'pod-1' })
    t.after(() => fake.close())
    fake.heartbeat(
      {
        levels: [
          { logger: 'db', level: 'info' },
          { logger: 'db.pool', level: 'warn' },
        ],
      },
      [{ name: 'http.server.duration', kind: 'histogram', unit: 'us', value: 3, series: 1, overflow: 0 }],
    )
    await eventually(async () => ((await client.listInstances({ service: 'checkout' })).instances?.length ?? 0) === 1)
    const complete = async (...words: string[]) => {
      const { io, captured } = memoryIo({ env: { PRODBENCH_SERVER: cp.grpcAddress } })
      assert.equal(await main(['__complete', '--', ...words], io), 0)
      return captured.out.split('\n').filter(Boolean)
    }
    assert.deepEqual(await complete('status', 'svc='), ['svc=checkout'])
    assert.deepEqual(await complete('set-level', 'svc=checkout', 'logger=d'), ['logger=db', 'logger=db.pool'])
    assert.deepEqual(await complete('set-level', 'svc=checkout', 'inst='), ['inst=pod-1'])
    assert.deepEqual(await complete('hist', 'watch', 'svc=checkout', 'metric=h'), ['metric=http.server.duration'])
    assert.deepEqual(await complete('hist', 'watch', 'metric='), [], 'metric= needs svc= first')
  })

  test('completion - bash completes svc= through ctl __complete, with the server from --server', async (t) => {
    const { cp, nats, client } = await startTestControlPlane(t)
    const fake = await startFakeInstance(nats.url, { service: 'checkout', instance: 'pod-1' })
    t.after(() => fake.close())
    fake.heartbeat()
    await eventually(async () => ((await client.listServices({})).services?.length ?? 0) === 1)
    const script = await scriptFile(t, 'bash')
    // bash splits words at '=', so the candidate is the part after it.
    assert.deepEqual(await bashComplete(script, `ctl --server ${cp.grpcAddress} status svc=ch`), ['checkout'])
  })

  test('completion - an unreachable control plane gives no candidates and exit 0', async () => {
    const server = `127.0.0.1:${await closedPort()}`
    const { io, captured } = memoryIo({ env: { PRODBENCH_SERVER: server } })
    assert.equal(await main(['__complete', '--', 'status', 'svc='], io), 0)
    assert.deepEqual(captured, { out: '', err: '' })
  })
})
