import { init } from '@prodbench/sdk'
import pino, { type Logger } from 'pino'
import { ByteSink } from './byte-sink.js'
import { median } from './stats.js'
import { fmt, type Table } from './table.js'

/** How long to measure. */
export interface LoggerBenchOptions {
  /** Fewer rounds and iterations: a smoke run, not numbers to quote. */
  quick: boolean
}

type Loop = (iterations: number) => void

// One loop function per logger, written out: closures made from one function
// literal share V8's feedback, so a shared loop would see both loggers at its
// `log.info` call site and measure a polymorphic call instead of either one.
function sdkInfo(log: Logger): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) log.info({ orderId: 42, userId: 'u-7' }, 'order placed')
  }
}
function levelsOnlyInfo(log: Logger): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) log.info({ orderId: 42, userId: 'u-7' }, 'order placed')
  }
}
function pinoInfo(log: Logger): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) log.info({ orderId: 42, userId: 'u-7' }, 'order placed')
  }
}
function sdkDebug(log: Logger): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) log.debug({ orderId: 42, userId: 'u-7' }, 'order placed')
  }
}
function pinoDebug(log: Logger): Loop {
  return (n) => {
    for (let i = 0; i < n; i++) log.debug({ orderId: 42, userId: 'u-7' }, 'order placed')
  }
}

/** ns per call of `loop` over `iterations` calls. */
function timeRound(loop: Loop, iterations: number): number {
  const start = process.hrtime.bigint()
  loop(iterations)
  return Number(process.hrtime.bigint() - start) / iterations
}

interface Comparison {
  /** Median ns/op of the SDK logger. */
  sdk: number
  /** Median ns/op of the bare pino logger. */
  pino: number
  /** Median of the per-round ratios sdk/pino. */
  ratio: number
  /** Smallest and largest per-round ratio. */
  spread: [number, number]
}

/**
 * Runs `sdk` and `pino` in alternating rounds (A B, B A, A B, ...) so drift
 * (CPU frequency, GC, the other core's load) lands on both, and compares them
 * round by round: the ratio is the median of per-round ratios.
 */
function compare(sdk: Loop, bare: Loop, rounds: number, iterations: number): Comparison {
  sdk(iterations * 3)
  bare(iterations * 3)
  const a: number[] = []
  const b: number[] = []
  const ratios: number[] = []
  for (let round = 0; round < rounds; round++) {
    let ta: number
    let tb: number
    if (round % 2 === 0) {
      ta = timeRound(sdk, iterations)
      tb = timeRound(bare, iterations)
    } else {
      tb = timeRound(bare, iterations)
      ta = timeRound(sdk, iterations)
    }
    a.push(ta)
    b.push(tb)
    ratios.push(ta / tb)
  }
  return { sdk: median(a), pino: median(b), ratio: median(ratios), spread: [Math.min(...ratios), Math.max(...ratios)] }
}

/**
 * prodbench's named logger against a bare pino child with the same binding,
 * both writing to a {@link ByteSink}: an enabled `info` and a disabled `debug`.
 */
export async function loggerBench(options: LoggerBenchOptions): Promise<Table> {
  const rounds = options.quick ? 7 : 41
  const sdkSink = new ByteSink()
  const pinoSink = new ByteSink()
  // The budget is off in both: a tight loop is far over any budget, and the
  // comparison is of writing every line. The default keeps the flight
  // recorder on and reads the OpenTelemetry span (the API is installed here).
  const pb = init({ service: 'bench', destination: sdkSink, budget: false })
  const bare = init({
    service: 'bench',
    destination: new ByteSink(),
    budget: false,
    flightRecorder: false,
    otel: false,
  })
  try {
    const sdkLog = pb.logger('db')
    const pinoLog = pino({}, pinoSink).child({ logger: 'db' })

    const info = compare(sdkInfo(sdkLog), pinoInfo(pinoLog), rounds, options.quick ? 5_000 : 20_000)
    const levelsOnly = compare(
      levelsOnlyInfo(bare.logger('db')),
      pinoInfo(pinoLog),
      rounds,
      options.quick ? 5_000 : 20_000,
    )
    const sdkLineBytes = sdkSink.bytes / sdkSink.lines
    const pinoLineBytes = pinoSink.bytes / pinoSink.lines

    const linesBefore = sdkSink.lines + pinoSink.lines
    const debug = compare(sdkDebug(sdkLog), pinoDebug(pinoLog), rounds, options.quick ? 1_000_000 : 5_000_000)
    if (sdkSink.lines + pinoSink.lines !== linesBefore) throw new Error('a disabled debug call wrote a line')

    const row = (name: string, c: Comparison, goal: string, decimals: number) => [
      name,
      fmt(c.sdk, decimals),
      fmt(c.pino, decimals),
      fmt(c.ratio, 3),
      `${fmt(c.spread[0], 2)}–${fmt(c.spread[1], 2)}`,
      goal,
    ]
    return {
      title: 'logger: prodbench named logger vs bare pino child (same sink)',
      columns: ['case', 'prodbench ns/op', 'pino ns/op', 'ratio', 'ratio range', 'goal'],
      rows: [
        row("info (enabled), { orderId, userId } 'order placed': levels only", levelsOnly, '≤ 1.05', 1),
        row('same, defaults: flight recorder ring on, OpenTelemetry read', info, 'report', 1),
        row('debug (disabled), same call', debug, '≤ 1.5', 2),
      ],
      notes: [
        `${rounds} rounds per case, A/B order alternating each round; ns/op is the median round, ratio the median of per-round ratios (prodbench / pino).`,
        `sink: a Writable that counts bytes; line size prodbench ${fmt(sdkLineBytes, 0)} B, pino ${fmt(pinoLineBytes, 0)} B.`,
        "levels only: init({ service, destination: sink, budget: false, flightRecorder: false, otel: false }).logger('db'); defaults: init({ service, destination: sink, budget: false }).logger('db'); pino: pino({}, sink).child({ logger: 'db' }).",
        'the budget is off in both prodbench rows: a tight loop is far over any budget, and dropping lines is not the comparison.',
      ],
    }
  } finally {
    await bare.close()
    await pb.close()
  }
}
