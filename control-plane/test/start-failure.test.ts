import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { startTestNats } from '../../test/helpers/nats-server.js'
import { startControlPlane } from '../src/index.js'

/** Timers and handles that keep this process alive. */
const keepingAlive = () => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap')

test('start failure - a control plane that cannot bind its HTTP port leaves nothing running behind it', async (t) => {
  const nats = await startTestNats(t)
  const taken = createServer()
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => taken.close(() => resolve())))
  const address = taken.address() as { port: number }
  const before = keepingAlive()
  // The HTTP bind fails while the watches made at start are still being created: whatever
  // they set up (nats.js idle-heartbeat monitors included) must go with the failed start.
  for (let i = 0; i < 6; i++) {
    await assert.rejects(
      startControlPlane({
        nats: nats.url,
        grpc: '127.0.0.1:0',
        http: `127.0.0.1:${address.port}`,
        onWarning: () => {},
      }),
      (err: Error & { code?: string }) => err.code === 'PB_HTTP_BIND',
    )
  }
  // Closing is asynchronous: give it up to 3 s (a leaked monitor never goes).
  const deadline = Date.now() + 3_000
  while (keepingAlive().length > before.length && Date.now() < deadline) await sleep(50)
  assert.deepEqual(keepingAlive().sort(), before.sort())
})
