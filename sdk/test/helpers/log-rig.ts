import type { LoggerOptions } from 'pino'
import { RequestScope, runInScope } from '../../src/context/request-context.js'
import { DesiredState, type Level, resolve } from '../../src/core/index.js'
import { FlightRecorder, type RecorderLimits } from '../../src/logging/flight-recorder.js'
import type { BudgetLimits, DropSummary } from '../../src/logging/log-budget.js'
import { LogEngine } from '../../src/logging/log-engine.js'
import { LoggerRegistry } from '../../src/logging/logger-registry.js'
import type { TailOutput } from '../../src/logging/tail-set.js'
import { DEFAULT_RECORDER } from '../../src/options.js'
import { lineSink } from './line-sink.js'

const who = { service: 'checkout', instance: 'pod-1' }

/** A rule as a test writes it: the selector's service and the bookkeeping are filled in. */
export type TestRule = Record<string, unknown> & { selector?: Record<string, unknown> }

/**
 * The SDK's logging as the SDK wires it (engine, registry, recorder), with a
 * line sink for the destination and desired states applied directly, so a
 * test drives rules without NATS.
 */
export function logRig(
  options: {
    budget?: BudgetLimits
    recorder?: Partial<RecorderLimits> | false
    recordLevel?: Level
    pino?: LoggerOptions
    level?: Level
  } = {},
) {
  const sink = lineSink()
  const tails: TailOutput[] = []
  const summaries: DropSummary[] = []
  const engine = new LogEngine({
    budget: options.budget ?? { recordsPerSec: 0, bytesPerSec: 0 },
    recorder: options.recorder === false ? undefined : new FlightRecorder({ ...DEFAULT_RECORDER, ...options.recorder }),
    recordLevel: options.recordLevel,
    publishTail: (batch) => tails.push(batch),
    summarise: (drops) => summaries.push(drops),
  })
  const registry = new LoggerRegistry({
    pino: options.pino ?? {},
    destination: sink.stream,
    level: options.level ?? 'info',
    levels: new Map(),
    config: resolve(undefined, who, Date.now()),
    engine,
  })
  let n = 0
  const apply = (rules: TestRule[]) => {
    const state = DesiredState.parse({
      service: who.service,
      rules: rules.map((rule) => ({
        id: `r${++n}`,
        createdAt: Date.now() + n,
        author: 'test',
        ...rule,
        selector: { service: who.service, ...rule.selector },
      })),
    })
    registry.apply(resolve(state, who, Date.now()))
  }
  const request = <T>(attributes: Record<string, string>, fn: () => T): T =>
    runInScope(new RequestScope({ method: 'GET', route: '/pay', attributes: { ...attributes } }), fn)
  return { engine, registry, sink, tails, summaries, apply, request, close: () => engine.close() }
}
