import { instanceIdProblem, serviceNameProblem } from './names.js'

/**
 * Every NATS subject and JetStream name prodbench uses, built in one place.
 * docs/nats.md describes them; change both together.
 */

/** Version prefix of every subject. */
export const SUBJECT_ROOT = 'pb.v1'

/** JetStream KV bucket holding each service's desired state under the key `<service>`. */
export const DESIRED_STATE_BUCKET = 'prodbench_desired'

/** Thrown when a name cannot be placed in a subject. */
export class SubjectNameError extends Error {
  override name = 'SubjectNameError'
  readonly code = 'PB_BAD_NAME'
}

function token(kind: 'service' | 'instance' | 'capture', value: string): string {
  const why = kind === 'service' ? serviceNameProblem(value) : instanceIdProblem(value)
  if (why) throw new SubjectNameError(`${kind} name ${JSON.stringify(value.slice(0, 80))} ${why}`)
  return value
}

/** Subjects, each checked against NATS token rules. */
export const subjects = {
  /** Heartbeats of one instance: `pb.v1.hb.<service>.<instance>`. */
  heartbeat: (service: string, instance: string) =>
    `${SUBJECT_ROOT}.hb.${token('service', service)}.${token('instance', instance)}`,
  /** Every heartbeat, for the registry. */
  allHeartbeats: `${SUBJECT_ROOT}.hb.>`,
  /** Acks of applied desired-state revisions: `pb.v1.ack.<service>.<instance>`. */
  ack: (service: string, instance: string) =>
    `${SUBJECT_ROOT}.ack.${token('service', service)}.${token('instance', instance)}`,
  /** Every ack. */
  allAcks: `${SUBJECT_ROOT}.ack.>`,
  /** Interval histograms of a capture: `pb.v1.hist.<service>.<capture id>.<instance>`. */
  histogram: (service: string, captureId: string, instance: string) =>
    `${SUBJECT_ROOT}.hist.${token('service', service)}.${token('capture', captureId)}.${token('instance', instance)}`,
  /** Every histogram snapshot. */
  allHistograms: `${SUBJECT_ROOT}.hist.>`,
  /** Counters and gauges of a capture: `pb.v1.scalars.<service>.<capture id>.<instance>`. */
  scalars: (service: string, captureId: string, instance: string) =>
    `${SUBJECT_ROOT}.scalars.${token('service', service)}.${token('capture', captureId)}.${token('instance', instance)}`,
  /** Every counter/gauge snapshot. */
  allScalars: `${SUBJECT_ROOT}.scalars.>`,
  /** Records of a live tail: `pb.v1.tail.<service>.<tail id>.<instance>` (tail id = its rule id). */
  tail: (service: string, tailId: string, instance: string) =>
    `${SUBJECT_ROOT}.tail.${token('service', service)}.${token('capture', tailId)}.${token('instance', instance)}`,
  /** Every tail record batch of one tail, from every instance. */
  tailOf: (service: string, tailId: string) =>
    `${SUBJECT_ROOT}.tail.${token('service', service)}.${token('capture', tailId)}.*`,
  /** Flight-recorder dump requests to one instance: `pb.v1.dump.<service>.<instance>` (request/reply). */
  dump: (service: string, instance: string) =>
    `${SUBJECT_ROOT}.dump.${token('service', service)}.${token('instance', instance)}`,
  /** Incident reports of one instance: `pb.v1.incident.<service>.<instance>`. */
  incident: (service: string, instance: string) =>
    `${SUBJECT_ROOT}.incident.${token('service', service)}.${token('instance', instance)}`,
  /** Every incident report. */
  allIncidents: `${SUBJECT_ROOT}.incident.>`,
  /** Run-a-check-now requests to one instance: `pb.v1.check.<service>.<instance>` (request/reply). */
  check: (service: string, instance: string) =>
    `${SUBJECT_ROOT}.check.${token('service', service)}.${token('instance', instance)}`,
  /** Open-the-inspector requests to one instance: `pb.v1.inspect.<service>.<instance>` (request/reply). */
  inspect: (service: string, instance: string) =>
    `${SUBJECT_ROOT}.inspect.${token('service', service)}.${token('instance', instance)}`,
  /** Asks every instance to send a heartbeat now (a control plane that just started). */
  discover: `${SUBJECT_ROOT}.discover`,
} as const

/** The KV key of a service's desired state. */
export function desiredStateKey(service: string): string {
  return token('service', service)
}
