/**
 * Counts and latencies for the summary lines: one window since the last line,
 * and totals since the start.
 */

/** What one request came to. */
export type Outcome = { status: number; ms: number } | { error: string; ms: number }

const MAX_SAMPLES = 10_000

/** Counts for one reporting window. */
class Window {
  count = 0
  byClass = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }
  errors = 0
  lastError = ''
  readonly samples: number[] = []

  add(outcome: Outcome): void {
    this.count++
    if ('error' in outcome) {
      this.errors++
      this.lastError = outcome.error
    } else {
      const key = `${Math.min(5, Math.max(2, Math.floor(outcome.status / 100)))}xx` as keyof Window['byClass']
      this.byClass[key]++
    }
    // Keep a uniform sample when the window is huge (reservoir sampling), so memory stays flat.
    if (this.samples.length < MAX_SAMPLES) this.samples.push(outcome.ms)
    else {
      const slot = Math.floor(Math.random() * this.count)
      if (slot < MAX_SAMPLES) this.samples[slot] = outcome.ms
    }
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return 0
    const sorted = [...this.samples].sort((a, b) => a - b)
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
  }
}

/** Running statistics with a window that resets at each summary. */
export class LoadStats {
  private window = new Window()
  private total = new Window()
  private windowStart = performance.now()
  private readonly start = performance.now()
  /** Ticks skipped because too many requests were in flight. */
  skipped = 0

  /** Records one finished request. */
  add(outcome: Outcome): void {
    this.window.add(outcome)
    this.total.add(outcome)
  }

  /** The summary line for the window since the last call, then starts a new window. */
  windowLine(): string {
    const seconds = (performance.now() - this.windowStart) / 1000
    const line = format('load', this.window, seconds, this.total.count, this.skipped)
    this.window = new Window()
    this.windowStart = performance.now()
    return line
  }

  /** The summary line since the start. */
  totalLine(): string {
    return format('load total', this.total, (performance.now() - this.start) / 1000, this.total.count, this.skipped)
  }
}

function format(label: string, w: Window, seconds: number, total: number, skipped: number): string {
  const parts = [
    `${label}: ${w.count} req`,
    `${(w.count / Math.max(seconds, 0.001)).toFixed(1)}/s`,
    `2xx ${w.byClass['2xx']}`,
    `4xx ${w.byClass['4xx']}`,
    `5xx ${w.byClass['5xx']}`,
    `errors ${w.errors}${w.lastError ? ` (${w.lastError})` : ''}`,
    `p50 ${w.percentile(50).toFixed(0)} ms`,
    `p99 ${w.percentile(99).toFixed(0)} ms`,
  ]
  if (label === 'load') parts.push(`total ${total}`)
  if (skipped > 0) parts.push(`skipped ${skipped}`)
  return parts.join(' · ')
}
