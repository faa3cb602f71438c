import { codecs, type ScalarSnapshotMessage } from '@prodbench/proto'
import { metricNameProblem } from '@prodbench/sdk/core'
import { decodeOnSubject } from '../histograms/index.js'
import type { ScalarRejectReason } from './scalar-stats.js'

/** Points one snapshot may carry (series of one capture on one instance). */
export const MAX_POINTS = 10_000
/** Labels one series may carry, and the longest label key or value. */
export const MAX_LABELS = 16
export const MAX_LABEL_LENGTH = 128
/** The longest unit string (counters and gauges count anything: `1`, `bytes`, `requests`). */
export const MAX_UNIT_LENGTH = 32

/** A counter or gauge reading of one series, checked. */
export interface ScalarPoint {
  /** metric + sorted labels: the series' identity across instances. */
  readonly key: string
  readonly metric: string
  readonly kind: 'counter' | 'gauge'
  readonly unit: string
  /** Sorted by key. */
  readonly labels: Readonly<Record<string, string>>
  readonly delta: number
  readonly value: number
  readonly min: number
  readonly max: number
}

/** A ScalarSnapshot that decoded, whose identity matches its subject and whose points are valid. */
export interface ScalarEnvelope {
  readonly captureId: string
  readonly service: string
  readonly instance: string
  readonly seq: number
  readonly startMs: number
  readonly endMs: number
  readonly points: readonly ScalarPoint[]
}

/** Why a message was refused: a reason to count by, and a detail for `lastRejection`. */
export interface ScalarRefusal {
  readonly reason: ScalarRejectReason
  readonly detail: string
}

/**
 * Decodes the bytes published on `subject` (`pb.v1.scalars.<service>.<capture>.<instance>`)
 * into an envelope, or says why not. One bad point refuses the whole
 * snapshot, so a window never holds half of an instance's report. Never throws.
 */
export function parseScalarSnapshot(data: Uint8Array, subject: string): ScalarEnvelope | ScalarRefusal {
  const opened = decodeOnSubject(data, subject, codecs.scalarSnapshot)
  if ('reason' in opened) return opened
  const { m, service, captureId, instance } = opened

  const where = `scalars ${service}/${captureId}/${instance}`
  const startMs = m.startMs ?? 0
  const endMs = m.endMs ?? 0
  if (!(endMs > 0 && startMs <= endMs)) return refuse('fields', `${where}: bad interval ${startMs}..${endMs}`)
  const raw = m.points ?? []
  if (raw.length > MAX_POINTS) return refuse('limit', `${where}: ${raw.length} points, at most ${MAX_POINTS}`)

  const points: ScalarPoint[] = []
  const keys = new Set<string>()
  for (const p of raw) {
    const point = checkPoint(p)
    if (typeof point === 'string') return refuse('fields', `${where}: ${point}`)
    if (keys.has(point.key)) return refuse('fields', `${where}: series ${describeSeries(point)} twice`)
    keys.add(point.key)
    points.push(point)
  }
  return { captureId, service, instance, seq: m.seq ?? 0, startMs, endMs, points }
}

/** True when `parseScalarSnapshot` refused the message. */
export function isScalarRefusal(value: ScalarEnvelope | ScalarRefusal): value is ScalarRefusal {
  return 'reason' in value
}

/** `metric{k=v,...}` for messages. */
export function describeSeries(point: Pick<ScalarPoint, 'metric' | 'labels'>): string {
  const labels = Object.entries(point.labels)
  return labels.length === 0 ? point.metric : `${point.metric}{${labels.map(([k, v]) => `${k}=${v}`).join(',')}}`
}

/** The identity of a series: metric and sorted labels. */
export function seriesKeyOf(metric: string, labels: Readonly<Record<string, string>>): string {
  return JSON.stringify([metric, Object.entries(labels)])
}

type PointMessage = NonNullable<ScalarSnapshotMessage['points']>[number]

function checkPoint(p: PointMessage): ScalarPoint | string {
  const metric = p.metric ?? ''
  const problem = metricNameProblem(metric)
  if (problem) return `metric ${JSON.stringify(metric)} ${problem}`
  const kind = p.kind ?? ''
  if (kind !== 'counter' && kind !== 'gauge') {
    return `${metric}: kind ${JSON.stringify(kind)} is not "counter" or "gauge"`
  }
  const unit = p.unit ?? ''
  if (unit.length > MAX_UNIT_LENGTH) return `${metric}: unit longer than ${MAX_UNIT_LENGTH} characters`
  const entries = Object.entries(p.labels ?? {})
  if (entries.length > MAX_LABELS) return `${metric}: ${entries.length} labels, at most ${MAX_LABELS}`
  for (const [k, v] of entries) {
    if (k.length === 0 || k.length > MAX_LABEL_LENGTH || v.length > MAX_LABEL_LENGTH) {
      return `${metric}: label keys must be 1-${MAX_LABEL_LENGTH} characters and values at most ${MAX_LABEL_LENGTH}`
    }
  }
  const figures = [p.delta ?? 0, p.value ?? 0, p.min ?? 0, p.max ?? 0]
  if (!figures.every(Number.isFinite)) return `${metric}: delta, value, min and max must be finite`
  const labels = Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  const [delta, value, min, max] = figures as [number, number, number, number]
  return { key: seriesKeyOf(metric, labels), metric, kind, unit, labels, delta, value, min, max }
}

function refuse(reason: ScalarRejectReason, detail: string): ScalarRefusal {
  return { reason, detail }
}
