import type {
  GetIncidentRequest,
  InspectInstanceRequest,
  ListChecksRequest,
  ListIncidentsRequest,
  OpenIncidentRequest,
  RunCheckRequest,
  UpdateIncidentRequest,
} from '@prodbench/proto'
import { CheckControl, InstanceId, ServiceName } from '@prodbench/sdk/core'
import { z } from 'zod'
import { incidentIdProblem } from '../incidents/incident-ids.js'
import { INCIDENT_STATUSES } from '../incidents/incident-model.js'
import { MAX_WAIT_MS, parse } from './requests.js'

/**
 * The incident, check and inspector requests → validated, typed inputs,
 * like requests.ts: empty strings become undefined, every problem an
 * InvalidArgumentError naming the proto field (`status: ...`).
 */

/** Incidents ListIncidents returns when `limit` is 0, and the most it may ask for. */
export const DEFAULT_INCIDENT_LIMIT = 100
export const MAX_INCIDENT_LIMIT = 1_000
/** Longest inspector session one request may ask for. */
export const MAX_INSPECT_TTL_MS = 24 * 60 * 60_000

const IncidentId = z.string().superRefine((id, ctx) => {
  const problem = incidentIdProblem(id)
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: id })
})
const Reason = z.string().max(1_000).optional()
const WaitMs = z.number().int().positive().max(MAX_WAIT_MS).optional()
/** A check's name, as pb.check() registers it. */
export const CheckName = CheckControl.shape.name

/** A validated ListIncidents request. */
export const ListIncidentsInput = z.object({
  service: ServiceName.optional(),
  status: z.enum(INCIDENT_STATUSES, { message: 'must be open, acked or closed' }).optional(),
  limit: z.number().int().min(1).max(MAX_INCIDENT_LIMIT).default(DEFAULT_INCIDENT_LIMIT),
})
export type ListIncidentsInput = z.infer<typeof ListIncidentsInput>

/** A validated UpdateIncident request. */
export const UpdateIncidentInput = z.object({
  id: IncidentId,
  action: z.enum(['ack', 'close'], { message: 'must be ack or close' }),
  reason: Reason,
})
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentInput>

/** A validated OpenIncident request. */
export const OpenIncidentInput = z.object({
  service: ServiceName,
  instance: InstanceId.optional(),
  title: z.string().trim().min(1, 'is required: say what is wrong').max(300),
  reason: Reason,
})
export type OpenIncidentInput = z.infer<typeof OpenIncidentInput>

/** A validated RunCheck request (`waitMs` absent: the server's default). */
export const RunCheckInput = z.object({
  service: ServiceName,
  name: CheckName,
  instance: InstanceId.optional(),
  waitMs: WaitMs,
})
export type RunCheckInput = z.infer<typeof RunCheckInput>

/** A validated Inspect request (`ttlMs` absent: the instance's default, 10 minutes). */
export const InspectInput = z.object({
  service: ServiceName,
  instance: InstanceId,
  ttlMs: z.number().int().min(1_000).max(MAX_INSPECT_TTL_MS).optional(),
})
export type InspectInput = z.infer<typeof InspectInput>

/** Parses a ListIncidents request (`limit` 0: 100). */
export function parseListIncidents(request: ListIncidentsRequest): ListIncidentsInput {
  return parse(ListIncidentsInput, {
    service: request.service || undefined,
    status: request.status || undefined,
    limit: request.limit || undefined,
  })
}

/** Parses the id of a GetIncident request. */
export function parseGetIncident(request: GetIncidentRequest): string {
  return parse(z.object({ id: IncidentId }), { id: request.id ?? '' }).id
}

/** Parses an UpdateIncident request. */
export function parseUpdateIncident(request: UpdateIncidentRequest): UpdateIncidentInput {
  return parse(UpdateIncidentInput, {
    id: request.id ?? '',
    action: request.action ?? '',
    reason: request.reason || undefined,
  })
}

/** Parses an OpenIncident request. */
export function parseOpenIncident(request: OpenIncidentRequest): OpenIncidentInput {
  return parse(OpenIncidentInput, {
    service: request.service ?? '',
    instance: request.instance || undefined,
    title: request.title ?? '',
    reason: request.reason || undefined,
  })
}

/** Parses the service of a ListChecks request. */
export function parseListChecks(request: ListChecksRequest): string {
  return parse(z.object({ service: ServiceName }), { service: request.service ?? '' }).service
}

/** Parses a RunCheck request (`wait_ms` 0: the server's default). */
export function parseRunCheck(request: RunCheckRequest): RunCheckInput {
  return parse(RunCheckInput, {
    service: request.service ?? '',
    name: request.name ?? '',
    instance: request.instance || undefined,
    waitMs: request.waitMs || undefined,
  })
}

/** Parses an Inspect request (`ttl_ms` 0: the instance's default). */
export function parseInspect(request: InspectInstanceRequest): InspectInput {
  return parse(InspectInput, {
    service: request.service ?? '',
    instance: request.instance ?? '',
    ttlMs: request.ttlMs || undefined,
  })
}
