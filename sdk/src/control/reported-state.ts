import type { LoggerLevel } from '../logging/logger-registry.js'
import type { MetricInfo } from '../metrics/metric-registry.js'

/**
 * What the control plane last heard from this instance about its loggers'
 * levels, its log rules and its metrics, so that a report carries only what
 * changed since then: an ack its loggers and log figures, a heartbeat its
 * metrics. A full report carries everything and remembers it all; the control
 * plane merges a partial one into what it last heard. A change to one logger
 * then costs one level in the ack, not every logger's.
 */
export class ReportedState {
  /** Logger → its level and source as last reported. */
  readonly #levels = new Map<string, string>()
  #logRules: string | undefined
  /** Metric → its figures as last reported. */
  readonly #metrics = new Map<string, string>()

  /** The loggers to report: all of them in a full report, else those whose level or source changed. */
  levels(all: readonly LoggerLevel[], full: boolean): readonly LoggerLevel[] {
    const out = full ? all : all.filter((l) => this.#levels.get(l.logger) !== levelKey(l))
    for (const l of out) this.#levels.set(l.logger, levelKey(l))
    return out
  }

  /** The metrics to report: all of them in a full report, else those whose figures changed. */
  metrics(all: readonly MetricInfo[], full: boolean): readonly MetricInfo[] {
    const out: MetricInfo[] = []
    for (const m of all) {
      const figures = `${m.kind}|${m.unit}|${m.value}|${m.series}|${m.overflow}`
      if (full || this.#metrics.get(m.name) !== figures) out.push(m)
      this.#metrics.set(m.name, figures)
    }
    return out
  }

  /** Whether to report the log figures: always in a full report, else when the log rules (`key`) changed. */
  logRules(key: string, full: boolean): boolean {
    const report = full || key !== this.#logRules
    this.#logRules = key
    return report
  }
}

function levelKey(l: LoggerLevel): string {
  return `${l.level}|${l.source.kind === 'rule' ? l.source.rule.id : 'code'}`
}
