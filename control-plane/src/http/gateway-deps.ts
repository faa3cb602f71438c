import type { ServerResponse } from 'node:http'
import type { ControlApi } from '../api/control-api.js'
import type { AuditLog } from '../audit/audit-log.js'
import type { CheckRunner } from '../checks/index.js'
import type { HistogramHub } from '../histograms/index.js'
import type { IncidentApi } from '../incidents/index.js'
import type { ScalarHub } from '../scalars/index.js'
import type { IncidentFeed } from './incident-feed.js'
import type { InstanceFeed } from './instance-feed.js'
import type { SseStream } from './sse-stream.js'
import type { StateFeed } from './state-feed.js'

/** What the routes work with: the same ControlApi and hubs as the gRPC server, and the live feeds. */
export interface GatewayDeps {
  readonly api: ControlApi
  readonly histograms: HistogramHub
  readonly scalars: ScalarHub
  readonly instances: InstanceFeed
  readonly state: StateFeed
  /** The incident operations (as gRPC's); undefined: a gateway without them, whose routes answer UNAVAILABLE. */
  readonly incidents: IncidentApi | undefined
  /** Incident changes for live pages; undefined with `incidents`. */
  readonly incidentFeed: IncidentFeed | undefined
  /** ListChecks and RunCheck; undefined: UNAVAILABLE. */
  readonly checks: CheckRunner | undefined
  /** The audit log's reader; undefined: UNAVAILABLE. */
  readonly audit: Pick<AuditLog, 'list'> | undefined
  /** Opens an SSE stream on a response; the gateway ends it on close. */
  readonly openStream: (response: ServerResponse) => SseStream
  /** Wall clock. */
  readonly now: () => number
}
