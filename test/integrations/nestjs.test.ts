import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'
import type { Prodbench } from '../../sdk/src/index.js'
import { LEVEL, levelThenOneUser, lineSink, messages, requester, startControl, startSdk } from './rig.js'

/** What the test uses of examples/nestjs/app.ts (its types live under another tsconfig). */
interface NestExample {
  createOrdersApp(
    pb: Prodbench,
    options: { destination: NodeJS.WritableStream },
  ): Promise<{ listen(port: number, host: string): Promise<unknown>; getHttpServer(): Server; close(): Promise<void> }>
}

/**
 * The example uses TypeScript's legacy decorators, which its own tsconfig.json
 * turns on and the repository's does not: import it through tsx with that
 * tsconfig, as `node --import tsx main.ts` run from its folder compiles it.
 */
function importNestExample(): Promise<NestExample> {
  return tsImport('../../examples/nestjs/app.ts', {
    parentURL: import.meta.url,
    tsconfig: fileURLToPath(new URL('../../examples/nestjs/tsconfig.json', import.meta.url)),
  }) as Promise<NestExample>
}

test('nestjs - request logs of the adopted logger follow a live level, and a where rule targets one user', async (t) => {
  const { createOrdersApp } = await importNestExample()
  const control = await startControl(t)
  const pb = startSdk(t, control.natsUrl, 'orders', 'nest-1')
  const logs = lineSink()
  const app = await createOrdersApp(pb, { destination: logs.stream })
  t.after(() => app.close())
  await pb.ready()
  await app.listen(0, '127.0.0.1')
  const request = requester(app.getHttpServer())

  // The code's level (info): pino-http's per-request child loggers write their access line.
  const from = logs.mark()
  assert.equal((await request('/orders', 'u-7')).status, 200)
  assert.deepEqual(messages(logs.since(from)), [['request completed', LEVEL.info]])

  // Quieter, live; then debug for one user's requests only: in the handler (after guard and body parsing)
  // and on finish.
  const mine = await levelThenOneUser(control, logs, request, { authorization: 'Bearer s3cret' })
  assert.equal(mine[0]?.context, 'OrdersController', "nestjs-pino's PinoLogger context is kept")
  assert.equal(mine[3]?.count, 1, "u-42 sees only u-42's order")
  const req = mine[4]?.req as { url?: string; headers?: Record<string, string> }
  assert.equal(req?.headers?.authorization, '[Redacted]', "the app's redaction still applies")
})
