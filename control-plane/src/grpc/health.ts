/**
 * The standard gRPC health service (`grpc.health.v1.Health`, from the
 * official grpc-health-check package): what load balancers, Kubernetes
 * gRPC probes and `grpc_health_probe` ask. The control plane is SERVING
 * while NATS is connected and the desired-state KV bucket answers; it has
 * no state of its own, so that is everything it needs to do its job.
 */
import type { Server } from '@grpc/grpc-js'
import { HealthImplementation, type ServingStatus } from 'grpc-health-check'

/** The service name a health check of the ControlPlane service asks about ('' = the whole server). */
export const CONTROL_PLANE_SERVICE = 'prodbench.v1.ControlPlane'

/** How often the KV bucket is probed while NATS is connected. */
export const HEALTH_PROBE_INTERVAL_MS = 5_000
/** A probe slower than this counts as unreachable. */
export const HEALTH_PROBE_TIMEOUT_MS = 2_000

/** What the health service looks at. */
export interface HealthSource {
  /** Whether the NATS connection is up right now. */
  connected(): boolean
  /** Resolves when the KV bucket answers (a read of any key); rejects otherwise. */
  probeKv(): Promise<unknown>
  /** Called on every NATS disconnect/reconnect; returns a function that stops listening. */
  onStatus(listener: (event: 'disconnect' | 'reconnect') => void): () => void
}

/** The health service on a server; `close()` stops its timer and listener. Idempotent. */
export interface HealthService {
  /** The status reported now. */
  readonly status: ServingStatus
  /** Probes now (and on every interval); resolves once the status is set. */
  refresh(): Promise<ServingStatus>
  close(): void
}

/**
 * Adds `grpc.health.v1.Health` to `server`. The status starts NOT_SERVING,
 * is set by a first probe at once, goes NOT_SERVING on a NATS disconnect
 * without waiting for a probe, and is probed again on reconnect and every
 * `intervalMs`. Both '' and `prodbench.v1.ControlPlane` report it.
 */
export function addHealthService(
  server: Pick<Server, 'addService'>,
  source: HealthSource,
  options: { intervalMs?: number; timeoutMs?: number } = {},
): HealthService {
  const intervalMs = options.intervalMs ?? HEALTH_PROBE_INTERVAL_MS
  const timeoutMs = options.timeoutMs ?? HEALTH_PROBE_TIMEOUT_MS
  const health = new HealthImplementation({ '': 'NOT_SERVING', [CONTROL_PLANE_SERVICE]: 'NOT_SERVING' })
  health.addToServer(server)
  let status: ServingStatus = 'NOT_SERVING'
  let closed = false
  const set = (next: ServingStatus) => {
    if (closed || next === status) return
    status = next
    health.setStatus('', next)
    health.setStatus(CONTROL_PLANE_SERVICE, next)
  }
  let probing: Promise<ServingStatus> | undefined
  const refresh = (): Promise<ServingStatus> => {
    probing ??= probe(source, timeoutMs)
      .then((ok) => {
        set(ok ? 'SERVING' : 'NOT_SERVING')
        return status
      })
      .finally(() => {
        probing = undefined
      })
    return probing
  }
  const stopListening = source.onStatus((event) => {
    if (event === 'disconnect') set('NOT_SERVING')
    else void refresh()
  })
  const timer = setInterval(() => void refresh(), intervalMs)
  timer.unref()
  void refresh()
  return {
    get status() {
      return status
    },
    refresh,
    close() {
      if (closed) return
      closed = true
      clearInterval(timer)
      stopListening()
    },
  }
}

/** True when NATS is connected and the KV bucket answered within `timeoutMs`. */
async function probe(source: HealthSource, timeoutMs: number): Promise<boolean> {
  if (!source.connected()) return false
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([
      source.probeKv().then(
        () => source.connected(),
        () => false,
      ),
      late,
    ])
  } finally {
    clearTimeout(timer)
  }
}
