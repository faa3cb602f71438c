import { createRequire } from 'node:module'

/** The ids of the active OpenTelemetry span. */
export interface SpanIds {
  readonly traceId: string
  readonly spanId: string
}

/** The part of `@opentelemetry/api` the SDK reads. */
interface OtelApi {
  trace: { getActiveSpan(): { spanContext(): { traceId: string; spanId: string } } | undefined }
}

const INVALID_TRACE = '00000000000000000000000000000000'

/**
 * Reads the active span of `@opentelemetry/api` when the app has it
 * installed (it is not a dependency of the SDK). Without it, or without a
 * span, `active()` is undefined and the `traceparent` header is used instead.
 */
export class OtelSpans {
  readonly #api: OtelApi | undefined

  constructor(api: OtelApi | undefined = loadApi()) {
    this.#api = api
  }

  /** True when `@opentelemetry/api` was found. */
  get available(): boolean {
    return this.#api !== undefined
  }

  /** The active span's ids, when there is a valid one. */
  active(): SpanIds | undefined {
    try {
      const span = this.#api?.trace.getActiveSpan()
      if (!span) return undefined
      const { traceId, spanId } = span.spanContext()
      return traceId && traceId !== INVALID_TRACE ? { traceId, spanId } : undefined
    } catch {
      return undefined
    }
  }
}

function loadApi(): OtelApi | undefined {
  try {
    const api = createRequire(import.meta.url)('@opentelemetry/api') as OtelApi
    return typeof api?.trace?.getActiveSpan === 'function' ? api : undefined
  } catch {
    return undefined
  }
}
