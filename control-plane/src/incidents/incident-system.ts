import type { AlertDispatcher, AlertStats } from '../alerts/index.js'
import type { DumpGatherer } from '../dumps/index.js'
import type { NatsLink } from '../nats/index.js'
import type { InstanceRegistry } from '../registry/index.js'
import type { DesiredStore } from '../state/desired-store.js'
import { AutoQuarantine } from './auto-quarantine.js'
import { DigestSweep } from './digest-sweep.js'
import { IncidentApi } from './incident-api.js'
import { ALL_INCIDENTS_FILTER, INCIDENT_STREAM, incidentLink } from './incident-ids.js'
import { IncidentIngest, type IngestStats } from './incident-ingest.js'
import { IncidentStore } from './incident-store.js'

/** Largest incident message the stream takes (a first report is trimmed well below it). */
const MAX_INCIDENT_BYTES = 1024 * 1024

/** The incident limits and policies, as the control plane's options give them. */
export interface IncidentSettings {
  /** Incidents older than this (since their last change) are dropped by the stream. */
  readonly maxAgeMs: number
  /** Past this size, the stream drops the oldest incidents. */
  readonly maxBytes: number
  /** Stream replicas when created. */
  readonly replicas: number
  /** At most one digest per incident in this long. */
  readonly digestMs: number
  /** Largest share of a service's live instances quarantined automatically. */
  readonly maxQuarantineFraction: number
  /** TTL of automatic quarantine rules (0: none). */
  readonly autoQuarantineTtlMs: number
}

/** Options of {@link startIncidents}. */
export interface IncidentSystemOptions {
  readonly link: NatsLink
  readonly registry: InstanceRegistry
  readonly desired: DesiredStore
  readonly dumps?: DumpGatherer
  readonly dispatcher: AlertDispatcher
  readonly settings: IncidentSettings
  /** Base URL of the admin UI in alert links, asked each time (the HTTP port may be chosen at start). */
  readonly publicUrl: () => string
  readonly warn: (message: string) => void
}

/** What `ControlPlane.stats().incidents` reports. */
export interface IncidentStats {
  /** Reports received, refused (by reason), incidents opened and updates written by this control plane. */
  readonly ingest: IngestStats
  /** Stream writes, lost compare-and-sets, invalid stored values; incidents known and open now. */
  readonly store: { writes: number; conflicts: number; corrupt: number; incidents: number; open: number }
  /** Alerts queued (new, digest), deliveries, retries, failures. */
  readonly alerts: AlertStats
  /** Digests this control plane claimed and sent. */
  readonly digests: number
  /** Quarantine requests by outcome. */
  readonly autoQuarantine: { quarantined: number; capped: number; already: number; notLive: number }
}

/** The running incident machinery: the API for gRPC, counters, and close(). */
export interface IncidentSystem {
  readonly api: IncidentApi
  stats(): IncidentStats
  /** Stops ingesting, sweeping and alerting. Idempotent. */
  close(): void
}

/**
 * Opens the incident stream (creating it with the limits, or updating them),
 * reads every stored incident into the index, then starts taking reports,
 * sending digests and serving the API.
 * @throws {UnavailableError} when JetStream cannot be reached
 */
export async function startIncidents(options: IncidentSystemOptions): Promise<IncidentSystem> {
  const { link, settings, dispatcher, warn } = options
  const stream = await link.openStream({
    name: INCIDENT_STREAM,
    subjects: [ALL_INCIDENTS_FILTER],
    maxAgeMs: settings.maxAgeMs,
    maxBytes: settings.maxBytes,
    maxMsgSize: MAX_INCIDENT_BYTES,
    replicas: settings.replicas,
    description: 'prodbench incidents: the latest state of each (pb.v1.incidents.<service>.<id>)',
  })
  const store = new IncidentStore({ stream, warn, onStatus: (listener) => link.onStatus(listener) })
  await store.start()
  const linkFor = (id: string) => incidentLink(options.publicUrl(), id)
  const alert = dispatcher.send.bind(dispatcher)
  const quarantine = new AutoQuarantine({
    store: options.desired,
    registry: options.registry,
    maxFraction: settings.maxQuarantineFraction,
    ttlMs: settings.autoQuarantineTtlMs,
  })
  const ingest = new IncidentIngest({ link, store, alert, alerting: dispatcher.enabled, quarantine, linkFor, warn })
  const sweep = new DigestSweep({ store, alert, digestMs: settings.digestMs, linkFor, warn })
  ingest.start()
  if (dispatcher.enabled) sweep.start()
  const api = new IncidentApi({
    store,
    ...(options.dumps ? { dumps: options.dumps } : {}),
    alert,
    alerting: dispatcher.enabled,
    linkFor,
  })
  let closed = false
  return {
    api,
    stats: () => ({
      ingest: ingest.stats(),
      store: store.stats(),
      alerts: dispatcher.stats(),
      digests: sweep.sent,
      autoQuarantine: quarantine.stats(),
    }),
    close() {
      if (closed) return
      closed = true
      ingest.close()
      sweep.close()
      store.close()
      dispatcher.close()
    },
  }
}
