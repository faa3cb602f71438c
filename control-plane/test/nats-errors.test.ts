import assert from 'node:assert/strict'
import { test } from 'node:test'
import { retryCreateRace } from '../src/nats/nats-errors.js'

/** An error shaped as the nats client's JetStream API errors are. */
function jsError(errCode: number, message: string): Error {
  return Object.assign(new Error(message), {
    code: '400',
    api_error: { code: 400, err_code: errCode, description: message },
  })
}

test('create race - an add that lost to another client is tried again, and the next look-up wins', async () => {
  let calls = 0
  const result = await retryCreateRace(async () => {
    calls++
    if (calls === 1) throw jsError(10065, 'subjects overlap with an existing stream')
    if (calls === 2) throw jsError(10058, 'stream name already in use with a different configuration')
    return 'bound'
  })
  assert.equal(result, 'bound')
  assert.equal(calls, 3)
})

test('create race - any other error is thrown at once', async () => {
  let calls = 0
  const denied = jsError(10039, 'insufficient resources')
  await assert.rejects(
    retryCreateRace(async () => {
      calls++
      throw denied
    }),
    (err) => err === denied,
  )
  assert.equal(calls, 1)
})

test('create race - gives up after the tries it was given, with the last error', async () => {
  let calls = 0
  await assert.rejects(
    retryCreateRace(async () => {
      calls++
      throw jsError(10065, `overlap ${calls}`)
    }, 3),
    /overlap 3/,
  )
  assert.equal(calls, 3)
})
