import { codecs } from '@prodbench/proto'
import { instanceIdProblem, metricNameProblem, RuleId, serviceNameProblem } from '@prodbench/sdk/core'
import { isUnit } from '@prodbench/sdk/metrics'
import type { RejectReason } from './histogram-stats.js'

/**
 * A HistogramSnapshot that decoded and whose identity matches its subject.
 * Its hdr bytes are NOT decoded yet: that costs most, so it happens only once
 * the snapshot is known to be wanted (known capture, open window).
 */
export interface SnapshotEnvelope {
  readonly captureId: string
  readonly service: string
  readonly instance: string
  readonly metric: string
  readonly seq: number
  readonly startMs: number
  readonly endMs: number
  readonly unit: string
  readonly count: number
  readonly sum: number
  readonly min: number
  readonly max: number
  readonly clamped: number
  readonly hdr: Uint8Array
}

/** Why a message was refused: a reason to count by, and a detail for `lastRejection`. */
export interface Refusal {
  readonly reason: RejectReason
  readonly detail: string
}

/**
 * Decodes the bytes published on `subject` (`pb.v1.hist.<service>.<capture>.<instance>`)
 * into an envelope, or says why not. Never throws.
 */
export function parseSnapshot(data: Uint8Array, subject: string): SnapshotEnvelope | Refusal {
  const opened = decodeOnSubject(data, subject, codecs.histogramSnapshot)
  if ('reason' in opened) return opened
  const { m, service, captureId, instance } = opened

  const metric = m.metric ?? ''
  const where = `snapshot ${service}/${captureId}/${instance} of ${JSON.stringify(metric)}`
  const metricProblem = metricNameProblem(metric)
  if (metricProblem) return refuse('fields', `${where}: metric ${metricProblem}`)
  const unit = m.unit ?? ''
  if (!isUnit(unit)) return refuse('fields', `${where}: unknown unit ${JSON.stringify(unit)}`)
  const startMs = m.startMs ?? 0
  const endMs = m.endMs ?? 0
  if (!(endMs > 0 && startMs <= endMs)) return refuse('fields', `${where}: bad interval ${startMs}..${endMs}`)
  const count = m.count ?? 0
  const sum = m.sum ?? 0
  if (!Number.isFinite(sum) || !Number.isFinite(m.min ?? 0) || !Number.isFinite(m.max ?? 0)) {
    return refuse('fields', `${where}: sum, min and max must be finite`)
  }
  const hdr = m.hdr ?? new Uint8Array(0)
  if (hdr.length === 0) return refuse('hdr', `${where}: no hdr bytes`)
  return {
    captureId,
    service,
    instance,
    metric,
    seq: m.seq ?? 0,
    startMs,
    endMs,
    unit,
    count,
    sum,
    min: count > 0 ? (m.min ?? 0) : 0,
    max: count > 0 ? (m.max ?? 0) : 0,
    clamped: m.clamped ?? 0,
    hdr,
  }
}

/** The message and its subject tokens, once they are known to agree. */
export interface OpenedSnapshot<M> {
  readonly m: M
  readonly service: string
  readonly captureId: string
  readonly instance: string
}

/**
 * The first checks of every snapshot kind: a `pb.v1.<kind>.<service>.<capture>.<instance>`
 * subject, bytes that decode, and an identity inside that matches the subject's
 * tokens and is valid. Never throws.
 */
export function decodeOnSubject<M extends { service?: string; captureId?: string; instance?: string }>(
  data: Uint8Array,
  subject: string,
  codec: { decode(bytes: Uint8Array): M },
): OpenedSnapshot<M> | { reason: 'subject' | 'protobuf' | 'identity'; detail: string } {
  const parts = subject.split('.')
  if (parts.length !== 6) return { reason: 'subject', detail: `snapshot on malformed subject ${subject}` }
  const [, , , service, captureId, instance] = parts as [string, string, string, string, string, string]
  let m: M
  try {
    m = codec.decode(data)
  } catch (err) {
    return { reason: 'protobuf', detail: `snapshot on ${subject}: ${(err as Error).message}` }
  }
  if (m.service !== service || m.captureId !== captureId || m.instance !== instance) {
    const said = `${m.service ?? ''}/${m.captureId ?? ''}/${m.instance ?? ''}`
    return { reason: 'identity', detail: `snapshot on ${subject} says ${said}: identity does not match the subject` }
  }
  const nameProblem = identityProblem(service, captureId, instance)
  if (nameProblem) return { reason: 'identity', detail: `snapshot on ${subject}: ${nameProblem}` }
  return { m, service, captureId, instance }
}

/**
 * What is wrong with a snapshot's subject tokens (service, capture id,
 * instance), or undefined. Shared by every snapshot kind.
 */
export function identityProblem(service: string, captureId: string, instance: string): string | undefined {
  return (
    (serviceNameProblem(service) && `service ${serviceNameProblem(service)}`) ||
    (instanceIdProblem(instance) && `instance ${instanceIdProblem(instance)}`) ||
    (!RuleId.safeParse(captureId).success ? 'capture id is not a rule id' : undefined)
  )
}

/** True when `parseSnapshot` refused the message. */
export function isRefusal(value: SnapshotEnvelope | Refusal): value is Refusal {
  return 'reason' in value
}

function refuse(reason: RejectReason, detail: string): Refusal {
  return { reason, detail }
}
