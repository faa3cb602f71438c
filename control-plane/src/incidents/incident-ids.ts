import { createHash } from 'node:crypto'
import { SUBJECT_ROOT, serviceNameProblem } from '@prodbench/sdk/core'

/**
 * Incident ids and where incidents live. An id is deterministic:
 * `<service>-<12 hex of sha256(service, fingerprint)>-<generation>`, the
 * generation counting the incidents of that fingerprint (1, then 2 after the
 * first was closed, ...). Two control planes that see the same error
 * therefore write the SAME subject, and the stream's compare-and-set on it
 * lets exactly one of them create the incident (and send its alert).
 */

/** The JetStream stream holding every incident, latest state per subject. */
export const INCIDENT_STREAM = 'PRODBENCH_INCIDENTS'
/** Subjects of the stream: `pb.v1.incidents.<service>.<id>`. */
export const INCIDENTS_SUBJECT_ROOT = `${SUBJECT_ROOT}.incidents`
/** The filter covering every incident. */
export const ALL_INCIDENTS_FILTER = `${INCIDENTS_SUBJECT_ROOT}.>`
/** Queue group of the control planes ingesting reports: each report reaches one replica. */
export const INGEST_QUEUE = 'prodbench-incidents'

const ID = /^([A-Za-z0-9_-]{1,64})-([0-9a-f]{12})-([1-9][0-9]{0,8})$/

/** What an incident id says. */
export interface ParsedIncidentId {
  readonly service: string
  /** The hash of (service, fingerprint): equal for every generation of one error. */
  readonly family: string
  readonly generation: number
}

/** The hash of (service, fingerprint) that every generation of the error's incidents shares. */
export function incidentFamily(service: string, fingerprint: string): string {
  return createHash('sha256').update(service).update('\u0000').update(fingerprint).digest('hex').slice(0, 12)
}

/** The id of generation `generation` of the incidents of (service, fingerprint). */
export function incidentId(service: string, family: string, generation: number): string {
  return `${service}-${family}-${generation}`
}

/** Splits an id into service, family and generation; undefined when it is not an incident id. */
export function parseIncidentId(id: string): ParsedIncidentId | undefined {
  const match = ID.exec(id)
  if (!match) return undefined
  const service = match[1] as string
  if (serviceNameProblem(service)) return undefined
  return { service, family: match[2] as string, generation: Number(match[3]) }
}

/** Why `id` is not an incident id, or undefined. */
export function incidentIdProblem(id: string): string | undefined {
  return parseIncidentId(id) ? undefined : 'expected an incident id such as checkout-3fa2b1c9d0e4-1'
}

/** The stream subject of incident `id` of `service`. */
export function incidentSubject(service: string, id: string): string {
  return `${INCIDENTS_SUBJECT_ROOT}.${service}.${id}`
}

/** The service and id tokens of an incident subject, or undefined for another shape. */
export function subjectIncident(subject: string): { service: string; id: string } | undefined {
  const parts = subject.split('.')
  if (parts.length !== 5 || `${parts[0]}.${parts[1]}.${parts[2]}` !== INCIDENTS_SUBJECT_ROOT) return undefined
  return { service: parts[3] as string, id: parts[4] as string }
}

/** The admin UI page of incident `id`: `<publicUrl>/#/incidents/<id>`. */
export function incidentLink(publicUrl: string, id: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/#/incidents/${encodeURIComponent(id)}`
}
