/**
 * A one-line progress indicator on stderr while a change waits for the
 * instances' acks (the server answers when every live instance applied it,
 * or when --wait ends). Only on a terminal: piped or redirected, nothing is
 * written, so logs and scripts see the same output as before.
 */
import type { CtlOutput } from './context.js'

/** Redraw period of the spinner. */
export const PROGRESS_INTERVAL_MS = 100

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
/** Carriage return + erase line: the next output starts on a clean line. */
const CLEAR = '\r\u001b[2K'

/** What a change command waits for, by command name; commands not listed show no progress. */
const WAITING: Readonly<Record<string, string>> = {
  'set-level': 'waiting for the instances to apply the change',
  reset: 'waiting for the instances to apply the change',
  rm: 'waiting for the instances to apply the change',
  sample: 'waiting for the instances to apply the change',
  budget: 'waiting for the instances to apply the change',
  record: 'waiting for the instances to apply the change',
  'capture start': 'waiting for the instances to start capturing',
  'capture stop': 'waiting for the instances to stop capturing',
  'check set': 'waiting for the instances to apply the change',
  'check run': 'waiting for the instances to run the check',
  quarantine: 'waiting for the instance to apply the quarantine',
  release: 'waiting for the instance to apply the release',
}

/** The progress label of a command, or undefined when it shows none. */
export function progressLabel(command: string): string | undefined {
  return WAITING[command]
}

/**
 * Runs `work`, drawing `label` with a spinner and the seconds elapsed on
 * `out` when it is a terminal; the line is erased before the result is
 * returned (or the error thrown), so nothing of it stays on screen.
 */
export async function withProgress<T>(
  out: CtlOutput,
  label: string | undefined,
  work: () => Promise<T>,
  options: { intervalMs?: number; now?: () => number } = {},
): Promise<T> {
  if (label === undefined || out.isTTY !== true) return work()
  const now = options.now ?? Date.now
  const started = now()
  let frame = 0
  const draw = () => {
    const seconds = ((now() - started) / 1000).toFixed(1)
    out.write(`${CLEAR}${FRAMES[frame++ % FRAMES.length]} ${label} ${seconds}s`)
  }
  draw()
  const timer = setInterval(draw, options.intervalMs ?? PROGRESS_INTERVAL_MS)
  try {
    return await work()
  } finally {
    clearInterval(timer)
    out.write(CLEAR)
  }
}
