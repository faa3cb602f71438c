/**
 * Incidents: reports from SDK instances folded into de-duplicated incidents
 * in the stream PRODBENCH_INCIDENTS, alerts and digests, automatic
 * quarantine within a cap, and the operations behind gRPC.
 */
export { AUTO_QUARANTINE_AUTHOR, AutoQuarantine, type QuarantineOutcome, quarantineCap } from './auto-quarantine.js'
export { DigestSweep } from './digest-sweep.js'
export { IncidentApi, MANUAL_DUMP_RECORDS } from './incident-api.js'
export {
  ALL_INCIDENTS_FILTER,
  INCIDENT_STREAM,
  incidentFamily,
  incidentId,
  incidentIdProblem,
  incidentLink,
  incidentSubject,
  parseIncidentId,
} from './incident-ids.js'
export { type IncidentFilter, IncidentIndex } from './incident-index.js'
export { IncidentIngest, type IngestStats } from './incident-ingest.js'
export {
  applyFold,
  createIncident,
  digestDue,
  foldReport,
  INCIDENT_STATUSES,
  type IncidentStatus,
  MAX_LISTED_INSTANCES,
  type ReportFold,
} from './incident-model.js'
export { IncidentStore } from './incident-store.js'
export {
  type IncidentSettings,
  type IncidentStats,
  type IncidentSystem,
  startIncidents,
} from './incident-system.js'
export { checkReport, INCIDENT_KINDS, REPORT_LIMITS, REPORT_REJECT_REASONS } from './report-check.js'
