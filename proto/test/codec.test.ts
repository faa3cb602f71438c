import assert from 'node:assert/strict'
import { test } from 'node:test'
import { codecs, DecodeError, grpcPackage } from '../src/index.js'

test('codec - desired state round-trips through protobuf binary', () => {
  const state = {
    service: 'checkout',
    updatedAt: 1_764_000_000_123,
    rules: [
      {
        id: 'r1',
        selector: { service: 'checkout', logger: 'db' },
        level: 'debug',
        expiresAt: 1_764_000_900_000,
        createdAt: 1_764_000_000_000,
        author: 'ana@laptop',
        reason: 'slow queries',
      },
    ],
  }
  const back = codecs.desiredState.decode(codecs.desiredState.encode(state))
  assert.deepEqual(back, { ...state, rules: [{ ...state.rules[0], action: 'level' }] })
})

test('codec - garbage bytes throw DecodeError naming the type', () => {
  assert.throws(
    () => codecs.desiredState.decode(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f])),
    (err: unknown) => err instanceof DecodeError && err.message.startsWith('not a valid DesiredState'),
  )
})

test('grpc - the ControlPlane service is loaded from the .proto files', () => {
  const service = grpcPackage.prodbench.v1.ControlPlane.service
  assert.deepEqual(Object.keys(service).sort(), [
    'CreateToken',
    'Dump',
    'GetHistogram',
    'GetIncident',
    'GetStatus',
    'Inspect',
    'ListAudit',
    'ListChecks',
    'ListIncidents',
    'ListInstances',
    'ListMetrics',
    'ListRules',
    'ListServices',
    'ListTokens',
    'OpenIncident',
    'RemoveRules',
    'RevokeToken',
    'RunCheck',
    'SetRule',
    'Tail',
    'UpdateIncident',
    'WatchHistogram',
    'WatchMetrics',
  ])
})
