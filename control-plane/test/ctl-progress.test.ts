import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { main } from '../src/ctl/main.js'
import { progressLabel, withProgress } from '../src/ctl/progress.js'
import { stripAnsi } from '../src/ctl/style.js'
import { memoryIo } from './fixtures/ctl-io.js'
import { startFakeInstance } from './fixtures/fake-instance.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

/** An io whose stdout and stderr claim to be terminals (or not). */
function terminalIo(tty: boolean, env: Record<string, string>) {
  const { io, captured } = memoryIo({ env })
  io.stdout = { write: (text: string) => (captured.out += text), isTTY: tty, columns: 100 }
  io.stderr = { write: (text: string) => (captured.err += text), isTTY: tty }
  return { io, captured }
}

const ESC = '\u001b['

describe('ctl progress - while waiting for acks', () => {
  test('progress - set-level on a terminal shows a spinner on stderr and erases it', async (t) => {
    const { cp, nats } = await startTestControlPlane(t)
    const fake = await startFakeInstance(nats.url, { service: 'checkout', instance: 'pod-1' })
    t.after(() => fake.close())
    fake.heartbeat()
    const { io, captured } = terminalIo(true, { PRODBENCH_SERVER: cp.grpcAddress })
    assert.equal(await main(['set-level', 'svc=checkout', 'debug', '--wait', '2s'], io), 0, captured.err)
    assert.match(captured.err, /waiting for the instances to apply the change \d+\.\ds/)
    assert.ok(captured.err.endsWith('\r\u001b[2K'), 'the progress line is erased at the end')
    assert.match(stripAnsi(captured.out), /applied on 1\/1 instances/)
  })

  test('progress - piped (not a terminal) nothing is written to stderr', async (t) => {
    const { cp, nats } = await startTestControlPlane(t)
    const fake = await startFakeInstance(nats.url, { service: 'checkout', instance: 'pod-1' })
    t.after(() => fake.close())
    fake.heartbeat()
    const { io, captured } = terminalIo(false, { PRODBENCH_SERVER: cp.grpcAddress })
    assert.equal(await main(['set-level', 'svc=checkout', 'debug'], io), 0, captured.err)
    assert.equal(captured.err, '')
    assert.ok(!captured.out.includes(ESC), 'no colour when not a terminal')
  })

  test('progress - the line is erased when the work fails too, and reads show none', async () => {
    let written = ''
    const out = { write: (text: string) => (written += text), isTTY: true }
    await assert.rejects(
      withProgress(out, 'waiting', () => Promise.reject(new Error('boom'))),
      /boom/,
    )
    assert.ok(written.startsWith('\r\u001b[2K⠋ waiting 0.'))
    assert.ok(written.endsWith('\r\u001b[2K'))
    assert.equal(progressLabel('ls'), undefined)
    assert.equal(progressLabel('status'), undefined)
  })
})

describe('ctl colours - only on a terminal, never with NO_COLOR', () => {
  test('colours - status is coloured on a terminal, plain with NO_COLOR or --no-color', async (t) => {
    const { cp, nats } = await startTestControlPlane(t)
    const fake = await startFakeInstance(nats.url, { service: 'checkout', instance: 'pod-1' })
    t.after(() => fake.close())
    fake.heartbeat()
    const run = async (env: Record<string, string>, ...flags: string[]) => {
      const { io, captured } = terminalIo(true, { PRODBENCH_SERVER: cp.grpcAddress, ...env })
      assert.equal(await main([...flags, 'status', 'svc=checkout'], io), 0, captured.err)
      return captured.out
    }
    const coloured = await run({})
    assert.ok(coloured.includes(ESC), 'a terminal gets colours')
    const noColor = await run({ NO_COLOR: '1' })
    assert.ok(!noColor.includes(ESC), 'NO_COLOR turns them off')
    assert.equal(noColor, stripAnsi(coloured))
    assert.ok(!(await run({}, '--no-color')).includes(ESC), '--no-color turns them off')
  })
})
