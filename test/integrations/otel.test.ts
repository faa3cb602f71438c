import assert from 'node:assert/strict'
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type TestContext, test } from 'node:test'
import { context, propagation, ROOT_CONTEXT, SpanKind, type Tracer, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { type IdGenerator, InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import pino from 'pino'
import { init, type Prodbench } from '../../sdk/src/index.js'
import { LEVEL, type LineSink, lineSink, startControl, startSdk } from './rig.js'

/** Ids from counters, so the test knows the trace id of a new root span before the request that starts it. */
class CountingIds implements IdGenerator {
  #traces = 0
  #spans = 0
  /** The trace id the next root span gets. */
  nextTraceId(): string {
    return `feed${(this.#traces + 1).toString(16).padStart(28, '0')}`
  }
  generateTraceId(): string {
    const id = this.nextTraceId()
    this.#traces++
    return id
  }
  generateSpanId(): string {
    return `5${(++this.#spans).toString(16).padStart(15, '0')}`
  }
}

/** The OpenTelemetry SDK as a service sets it up: ALS context manager, W3C propagation, a tracer provider. */
function startOtel(t: TestContext) {
  const exporter = new InMemorySpanExporter()
  const ids = new CountingIds()
  const provider = new TracerProvider({ idGenerator: ids, spanProcessors: [new SimpleSpanProcessor({ exporter })] })
  assert.ok(context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()))
  assert.ok(trace.setGlobalTracerProvider(provider))
  assert.ok(propagation.setGlobalPropagator(new W3CTraceContextPropagator()))
  t.after(async () => {
    await provider.shutdown()
    trace.disable()
    context.disable()
    propagation.disable()
  })
  return { tracer: provider.getTracer('otel.test'), exporter, ids }
}

/**
 * What @opentelemetry/instrumentation-http does around a server's listener:
 * the incoming trace context extracted from the headers, a SERVER span
 * active while the listener runs, ended when the response is done.
 */
function instrumented(tracer: Tracer, listener: RequestListener): RequestListener {
  return (req, res) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers)
    const span = tracer.startSpan(`${req.method} /orders`, { kind: SpanKind.SERVER }, parent)
    res.once('close', () => span.end())
    context.with(trace.setSpan(parent, span), () => listener(req, res))
  }
}

/**
 * An orders endpoint embedding prodbench under OpenTelemetry: debug and info
 * on an SDK logger (one of them inside a child span), info on an adopted pino
 * logger; the SDK wrapper inside the instrumentation's span, as in a service.
 */
async function ordersServer(t: TestContext, pb: Prodbench, tracer: Tracer, logs: LineSink): Promise<string> {
  const orders = pb.logger('orders')
  const http = pb.adopt(pino({ level: 'info' }, logs.stream), 'http')
  const server = createServer(
    instrumented(
      tracer,
      pb.httpHandler((req, res) => {
        orders.debug('loading orders')
        tracer.startActiveSpan('db.query', (span) => {
          orders.info('querying')
          span.end()
        })
        http.info({ url: req.url }, 'handled')
        res.end('ok')
      }),
    ),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`
}

async function get(url: string, traceparent?: string): Promise<void> {
  const res = await fetch(url, { headers: traceparent ? { traceparent } : {} })
  assert.equal(await res.text(), 'ok')
}

const UPSTREAM_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const OTHER_TRACE = '0af7651916cd43dd8448eb211c80319c'

test("otel - records carry the active span's trace_id and span_id, on SDK and adopted loggers", async (t) => {
  const { tracer, exporter } = startOtel(t)
  const logs = lineSink()
  const pb = init({ service: 'orders', destination: logs.stream })
  t.after(() => pb.close())
  const url = await ordersServer(t, pb, tracer, logs)

  await get(url, `00-${UPSTREAM_TRACE}-00f067aa0ba902b7-01`)
  pb.logger('orders').info('outside any span')

  const spans = exporter.getFinishedSpans()
  const server = spans.find((s) => s.kind === SpanKind.SERVER)
  const db = spans.find((s) => s.name === 'db.query')
  assert.ok(server && db, 'the server span and the db span were exported')
  assert.equal(server.parentSpanContext?.spanId, '00f067aa0ba902b7', "the server span's parent came from traceparent")
  assert.deepEqual(
    logs.lines.map((l) => [l.msg, l.trace_id, l.span_id]),
    [
      ['querying', UPSTREAM_TRACE, db.spanContext().spanId],
      ['handled', UPSTREAM_TRACE, server.spanContext().spanId],
      ['outside any span', undefined, undefined],
    ],
  )
})

test("otel - a where rule on trace targets exactly that trace's requests, the trace id read from the active span", async (t) => {
  const { tracer, ids } = startOtel(t)
  const control = await startControl(t)
  const logs = lineSink()
  const pb = startSdk(t, control.natsUrl, 'orders', 'otel-1', logs.stream)
  const url = await ordersServer(t, pb, tracer, logs)
  await pb.ready()

  // A root trace started here, with no traceparent: only the active span knows its id.
  const rootTrace = ids.nextTraceId()
  for (const trace of [UPSTREAM_TRACE, rootTrace]) {
    await control.setRule({ selector: { service: 'orders', where: { trace } }, level: 'debug', ttlMs: 600_000 })
  }

  await get(url, `00-${UPSTREAM_TRACE}-00f067aa0ba902b7-01`)
  await get(url, `00-${OTHER_TRACE}-b7ad6b7169203331-01`)
  await get(url, `00-${UPSTREAM_TRACE}-00f067aa0ba902b8-01`)
  await get(url)
  await get(url)

  const debug = logs.lines.filter((l) => l.level === LEVEL.debug)
  assert.deepEqual(
    debug.map((l) => [l.msg, l.trace_id]),
    [
      ['loading orders', UPSTREAM_TRACE],
      ['loading orders', UPSTREAM_TRACE],
      ['loading orders', rootTrace],
    ],
  )
  const handled = logs.lines.filter((l) => l.msg === 'handled').map((l) => l.trace_id)
  assert.equal(handled.length, 5)
  assert.equal(new Set(handled).size, 4, 'five requests in four traces, each record with its own')
})
