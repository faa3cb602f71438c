import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import type { Logger } from 'pino'
import { OtelSpans } from '../../sdk/src/context/otel.js'
import { RequestScope, runInScope } from '../../sdk/src/context/request-context.js'
import { DesiredState, resolve } from '../../sdk/src/core/index.js'
import { FlightRecorder } from '../../sdk/src/logging/flight-recorder.js'
import { LogEngine } from '../../sdk/src/logging/log-engine.js'
import { LoggerRegistry } from '../../sdk/src/logging/logger-registry.js'
import { DEFAULT_RECORDER } from '../../sdk/src/options.js'
import { ByteSink } from './byte-sink.js'
import { median } from './stats.js'
import { fmt, type Table } from './table.js'

/** How long to measure. */
export interface LoggingBenchOptions {
  /** Fewer rounds and iterations: a smoke run, not numbers to quote. */
  quick: boolean
}

const who = { service: 'bench', instance: 'b-1' }

/** The SDK's logging wired as the SDK wires it, with rules applied directly (no NATS). */
function rig(recorder: boolean, otel = false) {
  const sink = new ByteSink()
  const engine = new LogEngine({
    ...(otel ? { otel: new OtelSpans() } : {}),
    budget: { recordsPerSec: 0, bytesPerSec: 0 },
    recorder: recorder ? new FlightRecorder(DEFAULT_RECORDER) : undefined,
    recordLevel: undefined,
    publishTail: () => {},
    summarise: () => {},
  })
  const registry = new LoggerRegistry({
    pino: {},
    destination: sink,
    level: 'info',
    levels: new Map(),
    config: resolve(undefined, who, Date.now()),
    engine,
  })
  const apply = (rules: object[]) => {
    const state = DesiredState.parse({
      service: who.service,
      rules: rules.map((rule, i) => ({
        id: `r${i}`,
        createdAt: 1 + i,
        author: 'bench',
        ...rule,
        selector: { service: who.service, ...(rule as { selector?: object }).selector },
      })),
    })
    registry.apply(resolve(state, who, Date.now()))
  }
  return { sink, engine, registry, apply }
}

type Loop = (n: number) => void

function time(loop: Loop, n: number): number {
  const start = process.hrtime.bigint()
  loop(n)
  return Number(process.hrtime.bigint() - start) / n
}

/** Median ns/op of `a` and `b` over alternating rounds, and the median per-round ratio a/b. */
function compare(a: Loop, b: Loop, rounds: number, n: number): { a: number; b: number; ratio: number } {
  a(n)
  b(n)
  const ta: number[] = []
  const tb: number[] = []
  const ratios: number[] = []
  for (let r = 0; r < rounds; r++) {
    const [x, y] = r % 2 === 0 ? [time(a, n), time(b, n)] : [0, time(b, n)]
    const xa = r % 2 === 0 ? x : time(a, n)
    ta.push(xa)
    tb.push(y)
    ratios.push(xa / y)
  }
  return { a: median(ta), b: median(tb), ratio: median(ratios) }
}

// One request: a scope as the middleware makes it, and three debug calls on a
// logger at info, as a handler would make them.
function requests(log: Logger, user: string): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) {
      const scope = new RequestScope({ method: 'GET', route: '/pay', attributes: { user } })
      runInScope(scope, () => {
        log.debug('cart loaded')
        log.debug('price computed')
        log.debug('payment sent')
      })
    }
  }
}

function debugCalls(log: Logger): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) log.debug({ orderId: 42 }, 'cart loaded')
  }
}

function infoCalls(log: Logger): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) log.info({ orderId: 42, userId: 'u-7' }, 'order placed')
  }
}

function whereRules(count: number): object[] {
  return Array.from({ length: count }, (_, i) => ({ level: 'debug', selector: { where: { user: `target-${i}` } } }))
}

/**
 * Issue 4's costs: the per-request targeting check with 0, 1 and 50 request
 * rules; a disabled debug call with below-level recording on vs off; an info
 * call with the flight recorder's ring on vs off.
 */
export async function loggingBench(options: LoggingBenchOptions): Promise<Table> {
  const rounds = options.quick ? 7 : 31
  const rows: string[][] = []

  // Targeting: requests of a user no rule names, so nothing is written.
  const base = rig(false)
  const baseLog = base.registry.get('db')
  const withRules = (count: number) => {
    const r = rig(false)
    r.apply(whereRules(count))
    return r
  }
  const one = withRules(1)
  const fifty = withRules(50)
  const n = options.quick ? 20_000 : 100_000
  const zero = compare(requests(baseLog, 'someone'), requests(baseLog, 'someone'), rounds, n)
  const c1 = compare(requests(one.registry.get('db'), 'someone'), requests(baseLog, 'someone'), rounds, n)
  const c50 = compare(requests(fifty.registry.get('db'), 'someone'), requests(baseLog, 'someone'), rounds, n)
  rows.push(['request, 0 request rules (scope + 3 disabled debug calls)', fmt(zero.a, 0), '—', '—'])
  rows.push(['request, 1 request rule, not matching', fmt(c1.a, 0), fmt(c1.a - c1.b, 0), '—'])
  rows.push(['request, 50 request rules, not matching', fmt(c50.a, 0), fmt(c50.a - c50.b, 0), '≤ 200 ns added'])

  // Recording below the level: debug at info, recorded vs pino's noop.
  const off = rig(true)
  const on = rig(true)
  on.apply([{ record: { level: 'debug' } }])
  const dn = options.quick ? 200_000 : 1_000_000
  const rec = compare(debugCalls(on.registry.get('db')), debugCalls(off.registry.get('db')), rounds, dn)
  rows.push(['debug (disabled): recorded vs noop', fmt(rec.a, 1), fmt(rec.a - rec.b, 1), 'a few tens of ns'])
  if (off.sink.lines !== 0 || on.sink.lines !== 0) throw new Error('a disabled debug call wrote a line')

  // The ring of written records: info with the recorder on vs off.
  const ringOn = rig(true)
  const ringOff = rig(false)
  const inN = options.quick ? 5_000 : 20_000
  const ring = compare(infoCalls(ringOn.registry.get('db')), infoCalls(ringOff.registry.get('db')), rounds, inN)
  rows.push(['info (enabled): ring on vs off', fmt(ring.a, 1), fmt(ring.a - ring.b, 1), 'report'])

  // OpenTelemetry: ids of the active span added to each written record.
  const manager = new AsyncLocalStorageContextManager().enable()
  context.setGlobalContextManager(manager)
  const withOtel = rig(false, true)
  const span = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    traceFlags: 1,
  })
  const otelLog = withOtel.registry.get('db')
  const inSpan: Loop = (n) => context.with(span, () => infoCalls(otelLog)(n))
  const noSpan = compare(infoCalls(otelLog), infoCalls(ringOff.registry.get('db')), rounds, inN)
  const spanned = compare(inSpan, infoCalls(ringOff.registry.get('db')), rounds, inN)
  rows.push([
    'info: OpenTelemetry present, no active span vs absent',
    fmt(noSpan.a, 1),
    fmt(noSpan.a - noSpan.b, 1),
    'report',
  ])
  rows.push([
    'info: inside an active span (trace_id, span_id added) vs absent',
    fmt(spanned.a, 1),
    fmt(spanned.a - spanned.b, 1),
    'report',
  ])
  context.disable()

  for (const r of [base, one, fifty, off, on, ringOn, ringOff, withOtel]) r.engine.close()
  return {
    title: 'logging: request targeting, below-level recording, flight-recorder ring',
    columns: ['case', 'ns/op', 'added ns/op', 'goal'],
    rows,
    notes: [
      `${rounds} rounds per case, alternating with its baseline; medians. Ratios: recording on/off ${fmt(rec.ratio, 2)}×, ring on/off ${fmt(ring.ratio, 3)}×.`,
      'request: a RequestScope in AsyncLocalStorage (what the HTTP middleware makes) and three debug calls on a logger at info; the rules target other users, so the decision is made once per request and nothing is written.',
      "recorded: the call keeps its arguments in the ring (serialised only when dumped); noop: pino's disabled-level function.",
      'ring: each written line is kept (string reference, bounded 1,000 records / 1 MiB); sink counts bytes.',
    ],
  }
}
