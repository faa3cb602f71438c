import assert from 'node:assert/strict'
import { AsyncLocalStorage } from 'node:async_hooks'
import { test } from 'node:test'
import { type Context, context, ROOT_CONTEXT, trace } from '@opentelemetry/api'
import pino from 'pino'
import { OtelSpans } from '../src/context/otel.js'
import { init } from '../src/index.js'
import { lineSink } from './helpers/line-sink.js'
import { logRig } from './helpers/log-rig.js'

test('adopt - an existing pino logger follows rules and keeps its destination, serializers and redaction', (t) => {
  const rig = logRig()
  t.after(rig.close)
  const own = lineSink()
  const app = pino(
    { level: 'warn', redact: ['password'], serializers: { user: (u: { id: string }) => u.id } },
    own.stream,
  )
  const before = app.child({ component: 'made before' })
  const adopted = rig.registry.adopt(app, 'http')
  assert.equal(adopted, app)
  app.info('not yet')
  rig.apply([{ level: 'debug', selector: { logger: 'http' } }])
  app.debug({ password: 'hunter2', user: { id: 'u-1' } }, 'login')
  before.debug('child made before adoption')
  app.child({ component: 'made after' }).debug('child made after')
  assert.deepEqual(
    own.lines().map((l) => [l.msg, l.password, l.user, l.component]),
    [
      ['login', '[Redacted]', 'u-1', undefined],
      ['child made before adoption', undefined, undefined, 'made before'],
      ['child made after', undefined, undefined, 'made after'],
    ],
  )
  assert.equal(rig.sink.lines().length, 0, 'nothing went to the SDK destination')
  rig.apply([])
  app.info('back to its own level: warn')
  assert.equal(own.lines().length, 3)
})

test('adopt - pb.adopt lists the logger in status with the code level it had', async (t) => {
  const pb = init({ service: 'checkout', destination: lineSink().stream })
  t.after(() => pb.close())
  pb.adopt(pino({ level: 'error' }, lineSink().stream), 'legacy.orders')
  const entry = pb.status().loggers.find((l) => l.logger === 'legacy.orders')
  assert.deepEqual(entry, { logger: 'legacy.orders', level: 'error', source: { kind: 'code' } })
})

/** The smallest OpenTelemetry context manager: AsyncLocalStorage, as the SDK's own does it. */
function alsContextManager() {
  const als = new AsyncLocalStorage<Context>()
  return {
    active: () => als.getStore() ?? ROOT_CONTEXT,
    with: <A extends unknown[], F extends (...args: A) => ReturnType<F>>(
      ctx: Context,
      fn: F,
      thisArg?: ThisParameterType<F>,
      ...args: A
    ) => als.run(ctx, () => fn.apply(thisArg, args)),
    bind: <T>(_ctx: Context, target: T) => target,
    enable() {
      return this
    },
    disable() {
      return this
    },
  }
}

test('otel - records carry the active span ids, and none without a span', (t) => {
  assert.ok(context.setGlobalContextManager(alsContextManager()))
  t.after(() => context.disable())
  const spans = new OtelSpans()
  assert.equal(spans.available, true)
  const sink = lineSink()
  const pb = init({ service: 'checkout', destination: sink.stream })
  t.after(() => pb.close())
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736'
  const spanId = '00f067aa0ba902b7'
  const ctx = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: 1 })
  context.with(ctx, () => pb.logger('db').info('inside a span'))
  pb.logger('db').info('outside')
  assert.deepEqual(
    sink.lines().map((l) => [l.msg, l.trace_id, l.span_id]),
    [
      ['inside a span', traceId, spanId],
      ['outside', undefined, undefined],
    ],
  )
  assert.deepEqual(
    context.with(ctx, () => spans.active()),
    { traceId, spanId },
  )
})
