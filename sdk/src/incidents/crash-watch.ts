type OnCrash = (error: unknown, origin: 'uncaught' | 'unhandled-rejection') => void

/** Every live watch; one process listener serves them all (no MaxListeners warning with many instances). */
const watches = new Set<OnCrash>()

function onMonitor(error: Error, origin: string): void {
  const kind = origin === 'unhandledRejection' ? 'unhandled-rejection' : 'uncaught'
  for (const onCrash of watches) {
    try {
      onCrash(error, kind)
    } catch {
      // reporting a crash must never add a second failure
    }
  }
}

/**
 * Watches for the failures that end a process: an uncaught exception, and an
 * unhandled rejection raised as one. It uses `uncaughtExceptionMonitor`, which
 * observes without changing what happens next: the host's policy (crash, or
 * its own handler) continues unchanged. Before that, `onCrash` reports the
 * incident and the logs are flushed, synchronously.
 */
export class CrashWatch {
  readonly #onCrash: OnCrash

  constructor(onCrash: OnCrash) {
    this.#onCrash = onCrash
    if (watches.size === 0) process.on('uncaughtExceptionMonitor', onMonitor)
    watches.add(onCrash)
  }

  /** Stops watching. Idempotent. */
  close(): void {
    if (!watches.delete(this.#onCrash)) return
    if (watches.size === 0) process.off('uncaughtExceptionMonitor', onMonitor)
  }
}
