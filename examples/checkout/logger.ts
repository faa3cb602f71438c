import type { init } from '@prodbench/sdk'

/** A named logger as the prodbench SDK hands it out: a pino logger whose level the control plane can change. */
export type Logger = ReturnType<ReturnType<typeof init>['logger']>
