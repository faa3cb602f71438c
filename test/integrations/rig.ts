import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import type { TestContext } from 'node:test'
import { startControlPlane } from '../../control-plane/src/index.js'
import { init, type Prodbench } from '../../sdk/src/index.js'
import { eventually } from '../helpers/eventually.js'
import { controlPlaneClient } from '../helpers/grpc.js'
import { startTestNats } from '../helpers/nats-server.js'

/** pino's numeric levels, as they appear in records. */
export const LEVEL = { debug: 20, info: 30, warn: 40 } as const

/** A pino destination keeping parsed records in memory. */
export interface LineSink {
  readonly stream: Writable
  /** Every record so far, oldest first. */
  readonly lines: Array<Record<string, unknown>>
  /** Records written since `mark()` returned `from`. */
  since(from: number): Array<Record<string, unknown>>
  /** A position to read from later. */
  mark(): number
}

/** A memory destination for pino: writes are synchronous, so a record is here when the log call returns. */
export function lineSink(): LineSink {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line))
      done()
    },
  })
  return { stream, lines, since: (from) => lines.slice(from), mark: () => lines.length }
}

/** A real nats-server, a control plane (gRPC on a free port) and a gRPC client, all closed when the test ends. */
export async function startControl(t: TestContext) {
  const nats = await startTestNats(t)
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0' })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t, 'integrations@test')
  return {
    natsUrl: nats.url,
    client,
    /** Sets a rule through gRPC and returns once every live instance applied it. */
    async setRule(rule: Parameters<typeof client.setRule>[0]['rule']): Promise<void> {
      const res = await client.setRule({ rule, waitMs: 5_000 })
      assert.equal(res?.rollout?.complete, true, `rule applied everywhere: ${JSON.stringify(res?.rollout)}`)
    },
  }
}

/**
 * An SDK instance of `service` joined to NATS, closed when the test ends. Its
 * own loggers write to `destination` (by default a sink nobody reads, keeping
 * them apart from an adopted logger's records).
 */
export function startSdk(
  t: TestContext,
  natsUrl: string,
  service: string,
  instance: string,
  destination: Writable = lineSink().stream,
): Prodbench {
  const pb = init({ service, instance, nats: natsUrl, heartbeatIntervalMs: 500, destination })
  t.after(() => pb.close())
  return pb
}

/**
 * Sends requests to a listening server and resolves once the server is done
 * with each one (its response closed), so every record the framework writes
 * on finish is in: counted by a listener added after the framework's own.
 */
export function requester(server: Server) {
  let closed = 0
  let sent = 0
  server.on('request', (_req, res) => res.once('close', () => closed++))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return async (
    path: string,
    user: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string>; chunked?: boolean } = {},
  ): Promise<{ status: number; body: unknown }> => {
    const headers: Record<string, string> = { 'x-user-id': user, ...init.headers }
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    const json = init.body === undefined ? undefined : JSON.stringify(init.body)
    const res = await fetch(base + path, {
      method: init.method ?? 'GET',
      headers,
      body: init.chunked && json !== undefined ? inTwoChunks(json) : json,
      duplex: 'half',
    } as RequestInit)
    const text = await res.text()
    const expected = ++sent
    await eventually(() => closed >= expected, 5_000, `the server to finish ${path}`)
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }
}

/**
 * A request body sent in two chunks, the second after a pause: the server reads
 * the body across several socket reads, as it does for a slow client.
 */
function inTwoChunks(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  const half = Math.floor(bytes.length / 2)
  let sent = 0
  return new ReadableStream({
    async pull(controller) {
      if (sent === 0) controller.enqueue(bytes.subarray(0, half))
      else if (sent === 1) {
        await new Promise((resolve) => setTimeout(resolve, 30))
        controller.enqueue(bytes.subarray(half))
      } else controller.close()
      sent++
    },
  })
}

/** `[message, level]` of each record, for compact assertions. */
export function messages(lines: Array<Record<string, unknown>>): Array<[unknown, unknown]> {
  return lines.map((line) => [line.msg, line.level])
}

/**
 * The live part every framework integration shares, run once the app logs at
 * its code's level: a `warn` rule on the `http` logger silences the requests
 * of the adopted logger, then a `debug` rule `where user = u-42` brings back
 * that user's requests only (u-7's stay at warn). u-42 places an order (its
 * body sent in two chunks) and lists orders, the listing with `listHeaders`;
 * asserts the records of those two requests and returns them.
 */
export async function levelThenOneUser(
  control: Awaited<ReturnType<typeof startControl>>,
  logs: LineSink,
  request: ReturnType<typeof requester>,
  listHeaders?: Record<string, string>,
): Promise<Array<Record<string, unknown>>> {
  await control.setRule({ selector: { service: 'orders', logger: 'http' }, level: 'warn', ttlMs: 600_000 })
  let from = logs.mark()
  await request('/orders', 'u-7')
  await request('/orders', 'u-7', { method: 'POST', body: { item: 'tea', quantity: 2 } })
  assert.deepEqual(messages(logs.since(from)), [], 'nothing below warn')

  await control.setRule({ selector: { service: 'orders', where: { user: 'u-42' } }, level: 'debug', ttlMs: 600_000 })
  from = logs.mark()
  await request('/orders', 'u-7', { method: 'POST', body: { item: 'tea', quantity: 1 } })
  await request('/orders', 'u-7')
  assert.deepEqual(messages(logs.since(from)), [], "another user's requests stay at warn")
  const placed = await request('/orders', 'u-42', {
    method: 'POST',
    body: { item: 'coffee', quantity: 3 },
    chunked: true,
  })
  assert.equal(placed.status, 201)
  await request('/orders', 'u-42', listHeaders ? { headers: listHeaders } : {})
  const mine = logs.since(from)
  assert.deepEqual(messages(mine), [
    ['placing order', LEVEL.debug],
    ['order placed', LEVEL.info],
    ['request completed', LEVEL.info],
    ['listing orders', LEVEL.debug],
    ['request completed', LEVEL.info],
  ])
  return mine
}
