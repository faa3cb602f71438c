import assert from 'node:assert/strict'
import { test } from 'node:test'
import protobuf from 'protobufjs'
import { codecs, DecodeError, grpcPackage, protoRoot } from '../src/index.js'

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

test('codec - the encoders take plain objects as they are: the schema has no enum, uint64 takes numbers and strings', () => {
  // codec.encode skips fromObject, which is what would turn an enum's name into its number.
  const enums: string[] = []
  let types = 0
  const visit = (ns: protobuf.NamespaceBase) => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Enum) enums.push(nested.fullName)
      if (nested instanceof protobuf.Type) types++
      if (nested instanceof protobuf.Namespace) visit(nested)
    }
  }
  visit(protoRoot)
  assert.ok(types > 50, `${types} message types visited`)
  assert.deepEqual(enums, [], 'an enum needs fromObject back in codec.encode')

  const identity = { service: 'checkout', instance: 'i-1', host: 'h', pid: 7, startedAt: '1764000000000' }
  const ack = { identity, revision: 9_007_199_254_740_000, ok: true, applied: { revision: 12, configHash: 'abc' } }
  const back = codecs.ack.decode(codecs.ack.encode(ack))
  assert.equal(back.identity?.startedAt, 1_764_000_000_000)
  assert.equal(back.revision, 9_007_199_254_740_000)
  assert.equal(back.applied?.configHash, 'abc')
  const snapshot = codecs.histogramSnapshot.decode(
    codecs.histogramSnapshot.encode({ captureId: 'c', hdr: Buffer.from([1, 2, 3]), count: 3 }),
  )
  assert.deepEqual([...(snapshot.hdr ?? [])], [1, 2, 3])
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
