import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { main } from '../src/ctl/main.js'
import { closedPort, memoryIo } from './fixtures/ctl-io.js'

const BIN = fileURLToPath(new URL('../bin/ctl.js', import.meta.url))

function unreachableLine(server: string): string {
  return `ctl: cannot reach the control plane at ${server} (is it running? set --server or PRODBENCH_SERVER)\n`
}

describe('ctl main - without a server', () => {
  test('ctl main - --help prints the usage on stdout and exits 0', async () => {
    const { io, captured } = memoryIo()
    assert.equal(await main(['--help'], io), 0)
    assert.match(captured.out, /^usage: ctl \[--server HOST:PORT\]/)
    assert.equal(captured.err, '')
  })

  test('ctl main - a bad level exits 2 with the problem, then the command usage, on stderr', async () => {
    const { io, captured } = memoryIo()
    assert.equal(await main(['set-level', 'svc=checkout', 'loud'], io), 2)
    assert.match(
      captured.err,
      /^ctl: unknown level "loud" \(expected one of trace, debug, info, warn, error, fatal, silent\)\n\nusage: ctl set-level /,
    )
    assert.equal(captured.out, '')
  })

  test('ctl main - an unknown flag exits 2 naming the flag', async () => {
    const { io, captured } = memoryIo()
    assert.equal(await main(['rules', 'svc=checkout', '--all'], io), 2)
    assert.match(captured.err, /^ctl: unknown option --all for rules\n\nusage: ctl rules /)
  })
})

describe('ctl main - unreachable control plane', () => {
  test('ctl main - ls against a closed port exits 3 with one clear line', async () => {
    const server = `127.0.0.1:${await closedPort()}`
    const { io, captured } = memoryIo()
    assert.equal(await main(['--server', server, 'ls'], io), 3)
    assert.equal(captured.err, unreachableLine(server))
    assert.equal(captured.out, '')
  })

  test('ctl main - set-level against a closed port (from PRODBENCH_SERVER) exits 3, not after the wait', async () => {
    const server = `127.0.0.1:${await closedPort()}`
    const { io, captured } = memoryIo({ env: { PRODBENCH_SERVER: server } })
    const started = Date.now()
    assert.equal(await main(['set-level', 'svc=checkout', 'debug', '--wait', '30s'], io), 3)
    assert.equal(captured.err, unreachableLine(server))
    assert.ok(Date.now() - started < 10_000, 'a refused connection should fail fast, not wait for the deadline')
  })

  test('ctl main - --json prints one parseable error document on stdout and the line on stderr', async () => {
    const server = `127.0.0.1:${await closedPort()}`
    const { io, captured } = memoryIo()
    assert.equal(await main(['--json', '--server', server, 'status', 'svc=checkout'], io), 3)
    const document = JSON.parse(captured.out)
    assert.deepEqual(document, {
      error: {
        code: 'PB_CTL_UNREACHABLE',
        message: unreachableLine(server).slice('ctl: '.length, -1),
        server,
        exitCode: 3,
      },
    })
    assert.equal(captured.err, unreachableLine(server))
  })
})

describe('ctl main - bin/ctl.js', () => {
  function runBin(args: string[], env: Record<string, string> = {}) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 })
      let stdout = ''
      let stderr = ''
      child.stdout?.on('data', (chunk) => (stdout += chunk))
      child.stderr?.on('data', (chunk) => (stderr += chunk))
      child.on('close', (code) => resolve({ code, stdout, stderr }))
    })
  }

  test('ctl main - the bin sets the process exit code: 0 for help, 3 when unreachable', async () => {
    const help = await runBin(['help', 'rm'])
    assert.equal(help.code, 0)
    assert.match(help.stdout, /^usage: ctl rm svc=SERVICE RULE_ID/)
    const server = `127.0.0.1:${await closedPort()}`
    const unreachable = await runBin(['rules', 'svc=checkout'], { PRODBENCH_SERVER: server, NO_COLOR: '1' })
    assert.equal(unreachable.code, 3)
    assert.equal(unreachable.stderr, unreachableLine(server))
  })
})
