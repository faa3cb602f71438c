import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { type Diagnostic, init, type Level, type Prodbench, type SdkOptions } from '../src/index.js'
import { lineSink } from './helpers/line-sink.js'

const opened: Prodbench[] = []
after(() => Promise.all(opened.map((pb) => pb.close())))

/** A local-mode SDK writing to a sink, with its diagnostics collected. */
function local(options: Partial<SdkOptions> = {}) {
  const sink = lineSink()
  const diagnostics: Diagnostic[] = []
  const pb = init({
    service: 'checkout',
    instance: 'pod-1',
    destination: sink.stream,
    onDiagnostic: (d) => diagnostics.push(d),
    ...options,
  })
  opened.push(pb)
  return { pb, sink, diagnostics }
}

test('loggers - the same name gives the same logger', () => {
  const { pb } = local()
  assert.equal(pb.logger('db'), pb.logger('db'))
  assert.equal(pb.logger(), pb.logger())
  assert.notEqual(pb.logger('db'), pb.logger('db.pool'))
})

test('loggers - lines carry the logger name', () => {
  const { pb, sink } = local()
  pb.logger('db').info({ q: 1 }, 'query')
  pb.logger('db.pool').warn('slow')
  pb.logger().info('root')
  const lines = sink.lines()
  assert.deepEqual(
    lines.map((l) => [l.logger, l.msg]),
    [
      ['db', 'query'],
      ['db.pool', 'slow'],
      [undefined, 'root'],
    ],
  )
  assert.equal(lines[0]?.q, 1)
  assert.equal(lines[0]?.level, 30)
})

test('loggers - the default level is info: debug is dropped, info kept', () => {
  const { pb, sink } = local()
  const log = pb.logger('db')
  log.debug('hidden')
  log.info('shown')
  assert.deepEqual(
    sink.lines().map((l) => l.msg),
    ['shown'],
  )
  assert.equal(log.level, 'info')
  assert.equal(log.isLevelEnabled('debug'), false)
})

test('loggers - the level option sets the code default for every logger', () => {
  const { pb, sink } = local({ level: 'warn' })
  pb.logger('db').info('hidden')
  pb.logger().warn('shown')
  assert.deepEqual(
    sink.lines().map((l) => l.msg),
    ['shown'],
  )
})

test('loggers - levels apply hierarchically: db covers db.pool, not http', () => {
  const { pb, sink } = local({ levels: { db: 'debug' } })
  pb.logger('db').debug('db')
  pb.logger('db.pool').debug('db.pool')
  pb.logger('http').debug('http')
  pb.logger('dbx').debug('dbx')
  assert.deepEqual(
    sink.lines().map((l) => l.msg),
    ['db', 'db.pool'],
  )
  assert.equal(pb.logger('http').level, 'info')
})

test('loggers - a level given to logger() applies to it and its descendants', () => {
  const { pb, sink } = local()
  const child = pb.logger('x.y')
  pb.logger('x', { level: 'trace' }).trace('x')
  child.trace('x.y made before')
  pb.logger('x.z').trace('x.z made after')
  pb.logger('y').trace('y')
  assert.deepEqual(
    sink.lines().map((l) => l.msg),
    ['x', 'x.y made before', 'x.z made after'],
  )
  assert.equal(pb.logger('x').level, 'trace', 'asking again without a level keeps it')
})

test('loggers - pino.level cannot override the managed level', () => {
  const { pb } = local({ pino: { level: 'trace' } })
  assert.equal(pb.logger('db').level, 'info')
})

test('loggers - an invalid name does not throw: a usable logger and a diagnostic', () => {
  const { pb, sink, diagnostics } = local()
  const log = pb.logger('bad name!')
  log.info('still logs')
  assert.equal(pb.logger('bad name!'), log, 'the same bad name gives the same logger')
  const line = sink.lines().find((l) => l.msg === 'still logs')
  assert.equal(line?.logger, 'bad-name')
  assert.ok(diagnostics.length >= 1)
  assert.equal(diagnostics[0]?.event, 'logger-name')
  assert.match(diagnostics[0]?.message ?? '', /"bad name!"/)
  assert.equal(diagnostics[0]?.service, 'checkout')
  assert.equal(diagnostics[0]?.instance, 'pod-1')
  const selfLine = sink.lines().find((l) => l.logger === 'prodbench')
  assert.equal(selfLine?.level, 40, 'the SDK also warns on its own logger')
})

test('loggers - an unknown level given to logger() does not throw into the host', () => {
  const { pb, diagnostics } = local()
  // A JavaScript caller can pass anything; after init the SDK must not throw.
  assert.doesNotThrow(() => pb.logger('x', { level: 'loud' as Level }))
  assert.doesNotThrow(() => pb.logger('x').info('still usable'))
  assert.ok(diagnostics.length >= 1, 'the bad level is reported as a diagnostic')
})

test('status - local mode shows the connection, loggers and their code provenance', () => {
  const { pb } = local({ levels: { db: 'debug' } })
  pb.logger('db.pool')
  pb.logger('http')
  const status = pb.status()
  assert.equal(status.service, 'checkout')
  assert.equal(status.instance, 'pod-1')
  assert.equal(status.connection, 'local')
  assert.equal(status.revision, 0)
  assert.equal(status.rules, 0)
  assert.match(status.configHash, /^[0-9a-f]{8}$/)
  assert.deepEqual(status.rejected, { count: 0 })
  assert.deepEqual(status.loggers, [
    { logger: '', level: 'info', source: { kind: 'code' } },
    { logger: 'db.pool', level: 'debug', source: { kind: 'code' } },
    { logger: 'http', level: 'info', source: { kind: 'code' } },
  ])
})

test('ready - resolves at once in local mode', async () => {
  const { pb } = local()
  const first = await Promise.race([
    pb.ready().then(() => 'ready'),
    new Promise((resolve) => setTimeout(() => resolve('timeout'), 50)),
  ])
  assert.equal(first, 'ready')
})

test('close - is idempotent: both calls resolve', async () => {
  const { pb } = local()
  const one = pb.close()
  const two = pb.close()
  assert.equal(one, two)
  await Promise.all([one, two])
  await pb.close()
  assert.doesNotThrow(() => pb.logger('db').info('after close'))
})
