import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type AckMessage, codecs, type HeartbeatMessage, type RuleInput } from '@prodbench/proto'
import { connect } from 'nats'
import { eventually } from '../../test/helpers/eventually.js'
import { startTestNats } from '../../test/helpers/nats-server.js'
import { DESIRED_STATE_BUCKET } from '../src/core/index.js'
import { init } from '../src/index.js'
import { lineSink } from './helpers/line-sink.js'

const SERVICE = 'checkout'

test('acks - carry only the loggers whose level changed, and the log figures only when the log rules did; heartbeats carry all', async (t) => {
  const nats = await startTestNats(t)
  const nc = await connect({ servers: nats.url })
  t.after(() => nc.close())
  const acks: AckMessage[] = []
  const beats: HeartbeatMessage[] = []
  nc.subscribe(`pb.v1.ack.${SERVICE}.>`, { callback: (_err, msg) => acks.push(codecs.ack.decode(msg.data)) })
  nc.subscribe(`pb.v1.hb.${SERVICE}.>`, { callback: (_err, msg) => beats.push(codecs.heartbeat.decode(msg.data)) })
  await nc.flush()
  const kv = await nc.jetstream().views.kv(DESIRED_STATE_BUCKET, { history: 10 })
  const put = (rules: Array<Omit<RuleInput, 'createdAt' | 'author'>>) =>
    kv.put(
      SERVICE,
      codecs.desiredState.encode({
        service: SERVICE,
        rules: rules.map((rule) => ({ ...rule, createdAt: Date.now(), author: 'test' })),
      }),
    )
  const ackOf = async (revision: number) => {
    await eventually(() => acks.some((a) => a.revision === revision), 3_000, `the ack of revision ${revision}`)
    return acks.find((a) => a.revision === revision) as AckMessage
  }

  const pb = init({ service: SERVICE, nats: nats.url, destination: lineSink().stream, heartbeatIntervalMs: 300 })
  t.after(() => pb.close())
  pb.logger('db')
  pb.logger('http')
  await pb.ready()
  const debugDb = { id: 'lvl1', selector: { service: SERVICE, logger: 'db' }, level: 'debug' }
  const levelOnly = await ackOf(await put([debugDb]))
  assert.deepEqual(
    levelOnly.applied?.levels?.map((l) => [l.logger, l.level, l.source?.ruleId]),
    [['db', 'debug', 'lvl1']],
    'only the logger that changed',
  )
  assert.equal(levelOnly.applied?.logs, undefined, 'a level change sends no log figures')

  const sample = { id: 'smp1', selector: { service: SERVICE }, sample: { level: 'debug', rate: 0.5 } }
  const sampled = await ackOf(await put([debugDb, sample]))
  assert.equal(sampled.applied?.levels, undefined, 'no level changed')
  assert.deepEqual(
    sampled.applied?.logs?.rules?.map((r) => [r.ruleId, r.kind]),
    [['smp1', 'sample']],
    'a new log rule is in the ack',
  )

  const infoDb = { ...debugDb, id: 'lvl2', level: 'info' }
  const again = await ackOf(await put([infoDb, sample]))
  assert.equal(again.applied?.logs, undefined, 'the same log rules are not sent twice')

  assert.deepEqual(
    again.applied?.levels?.map((l) => [l.logger, l.level, l.source?.ruleId]),
    [['db', 'info', 'lvl2']],
    'the same level from another rule is a change of source',
  )

  const before = beats.length
  await eventually(() => beats.length > before, 3_000, 'a heartbeat')
  const beat = beats.at(-1)
  assert.deepEqual(
    beat?.applied?.logs?.rules?.map((r) => r.ruleId),
    ['smp1'],
    'heartbeats carry the log figures',
  )
  assert.deepEqual(
    beat?.applied?.levels?.map((l) => l.logger),
    ['', 'db', 'http'],
    'and every logger',
  )
})
