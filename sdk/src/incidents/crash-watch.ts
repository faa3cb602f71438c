/**
 * Watches for the failures that end a process: an uncaught exception, and an
 * unhandled rejection raised as one. It uses `uncaughtExceptionMonitor`, which
 * observes without changing what happens next: the host's policy (crash, or
 * its own handler) continues unchanged. Before that, `onCrash` reports the
 * incident and the logs are flushed, synchronously.
 */
export class CrashWatch {
  readonly #listener: (error: Error, origin: string) => void

  constructor(onCrash: (error: unknown, origin: 'uncaught' | 'unhandled-rejection') => void) {
    this.#listener = (error, origin) => {
      try {
        onCrash(error, origin === 'unhandledRejection' ? 'unhandled-rejection' : 'uncaught')
      } catch {
        // reporting a crash must never add a second failure
      }
    }
    process.on('uncaughtExceptionMonitor', this.#listener)
  }

  close(): void {
    process.off('uncaughtExceptionMonitor', this.#listener)
  }
}
