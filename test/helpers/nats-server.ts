import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { type NatsServerHandle, startNatsServer } from '../../control-plane/src/index.js'

/** A nats-server for one test: JetStream on a free port, store in a fresh temp dir. */
export interface TestNats extends NatsServerHandle {
  /** Stops the server and removes its temp dir. Idempotent. */
  close(): Promise<void>
}

/**
 * Starts a real nats-server with JetStream on a free port in a new temp dir.
 * With `t`, it is stopped and its dir removed when the test ends, after the
 * test's other after-hooks (so clients close while the server is still up).
 */
export async function startTestNats(t?: Pick<TestContext, 'after'>): Promise<TestNats> {
  const storeDir = await mkdtemp(join(tmpdir(), 'prodbench-nats-'))
  let server: NatsServerHandle
  try {
    server = await startNatsServer({ port: 0, storeDir })
  } catch (err) {
    await rm(storeDir, { recursive: true, force: true })
    throw err
  }
  const close = async () => {
    await server.stop()
    await rm(storeDir, { recursive: true, force: true })
  }
  // node:test runs after-hooks in the order they were added, so a plain t.after(close) would stop the
  // server before the clients a test opens later close (and their drains would wait for a reconnect).
  // Adding the hook from inside a hook puts it last, after every hook the test registered.
  // The timer is a safety net should a Node version ignore hooks added that late.
  t?.after(() => {
    t.after(close)
    setTimeout(() => void close(), 10_000).unref()
  })
  return {
    get url() {
      return server.url
    },
    port: server.port,
    storeDir,
    restart: () => server.restart(),
    stop: () => server.stop(),
    close,
  }
}
