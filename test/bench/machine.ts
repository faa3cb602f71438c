import { execFileSync } from 'node:child_process'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { findNatsServerBinary } from '@prodbench/control-plane'

/**
 * One line saying where the numbers come from: CPU, cores, Node, nats-server,
 * and the load average at the start (other work on a 2-core box shows in every number).
 */
export function describeMachine(): string {
  let nats = 'nats-server not found'
  try {
    nats = execFileSync(findNatsServerBinary(), ['--version'], { encoding: 'utf8', timeout: 5_000 }).trim()
  } catch {
    // reported as not found
  }
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
  return `${model}, ${availableParallelism()} cores, Node ${process.version}, ${nats}, load average ${load}`
}
