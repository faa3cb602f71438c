import assert from 'node:assert/strict'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { AssertionFailedError, init } from '../src/index.js'
import { lineSink } from './helpers/line-sink.js'

test('assert - a failed assert logs at error with its context, counts, returns false', async (t) => {
  const sink = lineSink()
  const pb = init({ service: 'checkout', destination: sink.stream, asserts: 'log', incidents: { spoolDir: false } })
  t.after(() => pb.close())
  assert.equal(pb.assert(1 + 1 === 2, 'arithmetic works'), true)
  assert.equal(pb.assert(false, 'cart total is not negative', { cartId: 'c-1', total: -3 }), false)
  pb.assert(false, 'cart total is not negative')
  const [line] = sink.lines()
  assert.equal(line?.level, 50)
  assert.equal(line?.msg, 'assert failed: cart total is not negative')
  assert.equal(line?.cartId, 'c-1')
  assert.deepEqual(pb.status().asserts, { 'cart total is not negative': 2 })
})

test('assert - throws when asserts are set to throw (tests)', async (t) => {
  const pb = init({
    service: 'checkout',
    destination: lineSink().stream,
    asserts: 'throw',
    incidents: { spoolDir: false },
  })
  t.after(() => pb.close())
  assert.throws(() => pb.assert(false, 'must hold'), AssertionFailedError)
})

test('readiness - 200 in traffic, 503 with the reason while quarantined', async (t) => {
  const pb = init({ service: 'checkout', destination: lineSink().stream, incidents: { spoolDir: false } })
  t.after(() => pb.close())
  const server = createServer(pb.readinessHandler())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => server.close())
  const port = (server.address() as AddressInfo).port
  const get = () =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      request({ port, host: '127.0.0.1', path: '/ready' }, (res) => {
        let body = ''
        res.on('data', (c) => {
          body += c
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
        .on('error', reject)
        .end()
    })
  assert.deepEqual(await get(), { status: 200, body: '{"ready":true}' })
  assert.equal(pb.status().quarantine.active, false)
})
