import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../bin/control-plane.js', import.meta.url))

/** Runs the bin; resolves with its exit code and output. Killed if it outlives `timeoutMs`. */
function run(
  args: string[],
  options: { onStdout?: (text: string, child: ChildProcess) => void; timeoutMs?: number } = {},
) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, PRODBENCH_NATS: '', PRODBENCH_GRPC: '', PRODBENCH_DATA: '' },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    options.onStdout?.(stdout, child)
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000)
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

test('control-plane cli - an unknown flag exits 2 with the message and the usage', async () => {
  const { code, stderr } = await run(['--bogus'])
  assert.equal(code, 2)
  assert.match(stderr, /Unknown option '--bogus'/)
  assert.match(stderr, /Usage: control-plane \[--nats URL\]/)
})

test('control-plane cli - a malformed --grpc exits 2 naming it', async () => {
  const { code, stderr } = await run(['--grpc', 'nope', '--nats', 'nats://127.0.0.1:1'])
  assert.equal(code, 2)
  assert.match(stderr, /grpc: must be HOST:PORT/)
})

test('control-plane cli - an unreachable --nats exits 1 saying so', async () => {
  const { code, stderr } = await run(['--nats', 'nats://127.0.0.1:1', '--grpc', '127.0.0.1:0'])
  assert.equal(code, 1)
  assert.match(stderr, /cannot connect to NATS at nats:\/\/127\.0\.0\.1:1/)
})

test('control-plane cli - starts embedded NATS, prints where, writes the state file, exits 0 on SIGTERM', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'prodbench-cli-'))
  t.after(() => rm(dataDir, { recursive: true, force: true }))
  const stateFile = join(dataDir, 'control-plane.json')
  let state: unknown
  const { code, stdout, stderr } = await run(['--data', dataDir, '--grpc', '127.0.0.1:0'], {
    onStdout: (text, child) => {
      if (state === undefined && /gRPC listening on/.test(text)) {
        state = null
        void readFile(stateFile, 'utf8').then((json) => {
          state = JSON.parse(json)
          child.kill('SIGTERM')
        })
      }
    },
  })
  assert.equal(code, 0, stderr)
  const natsUrl = /^NATS_URL=(nats:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1]
  const grpc = /^gRPC listening on (127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1]
  assert.ok(natsUrl && grpc, stdout)
  assert.deepEqual(Object.keys(state as object).sort(), ['grpc', 'natsUrl', 'pid'])
  assert.equal((state as { natsUrl: string }).natsUrl, natsUrl)
  assert.equal((state as { grpc: string }).grpc, grpc)
  assert.match(stdout, /npx ctl --server 127\.0\.0\.1:\d+ set-level svc=checkout debug/)
  assert.equal(existsSync(stateFile), false, 'the state file is removed on a clean stop')
})
