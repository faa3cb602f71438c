/**
 * `npm run bench`: runs the benchmark suites and prints one table per suite,
 * each comparing prodbench with the raw dependency measured in the same run.
 *
 *   node --import tsx test/bench/run.ts [--only logger|logging|propagation|histogram|instruments|idle|scale|apply-cost|flood] [--quick]
 *
 * Benchmarks are never assertions: nothing here fails on a slow number.
 */
import { parseArgs } from 'node:util'
import { applyCostBench } from './apply-cost.bench.js'
import { floodBench } from './flood.bench.js'
import { histogramBench } from './histogram.bench.js'
import { idleBench } from './idle.bench.js'
import { instrumentsBench } from './instruments.bench.js'
import { loggerBench } from './logger.bench.js'
import { loggingBench } from './logging.bench.js'
import { describeMachine } from './machine.js'
import { propagationBench } from './propagation.bench.js'
import { scaleBench } from './scale.bench.js'
import { renderTable, type Table } from './table.js'

const SUITES: Record<string, (options: { quick: boolean }) => Promise<Table>> = {
  logger: loggerBench,
  logging: loggingBench,
  propagation: propagationBench,
  histogram: histogramBench,
  instruments: instrumentsBench,
  idle: idleBench,
  scale: scaleBench,
  'apply-cost': applyCostBench,
  flood: floodBench,
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } },
    strict: true,
  })
  const names = values.only ? values.only.split(',') : Object.keys(SUITES)
  const unknown = names.filter((name) => !(name in SUITES))
  if (unknown.length > 0) {
    throw new Error(`unknown suite ${unknown.join(', ')}: use --only ${Object.keys(SUITES).join('|')}`)
  }
  console.log(`machine: ${describeMachine()}${values.quick ? ' (--quick: smoke run, not numbers to quote)' : ''}\n`)
  for (const name of names) {
    const started = Date.now()
    const table = await SUITES[name]!({ quick: values.quick })
    console.log(renderTable(table))
    console.log(`\n(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`)
  }
}

// Ctrl-C: leave through process.exit so the 'exit' hooks run and take the
// worker processes and the nats-server child down with us.
process.once('SIGINT', () => process.exit(130))

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exitCode = 1
})
