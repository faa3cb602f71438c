import { DESIRED_STATE_BUCKET, SUBJECT_ROOT } from '@prodbench/sdk/core'

/**
 * Who may do what on NATS: one identity for the control plane, one for the
 * SDK instances. nats-server enforces these lists, so a compromised service
 * cannot change another service's levels, open an inspector or forge a
 * dump request, whatever its code does. docs/security.md explains each line.
 */

/** Inbox prefix of the control plane's connections (request replies, JetStream deliveries). */
export const CONTROL_PLANE_INBOX_PREFIX = '_INBOX_CP'
/** Inbox prefix of the SDK's connections. */
export const SDK_INBOX_PREFIX = '_INBOX_SDK'
/** Bucket of the API tokens (hashes only), written by the control plane alone. */
export const TOKENS_BUCKET = 'prodbench_tokens'
/** The append-only audit stream. */
export const AUDIT_STREAM = 'PRODBENCH_AUDIT'

/** A NATS role prodbench generates credentials for. */
export type NatsRole = 'control-plane' | 'sdk'

/** nats-server `permissions` block of one user. */
export interface NatsPermissions {
  readonly publish: { readonly allow: readonly string[]; readonly deny: readonly string[] }
  readonly subscribe: { readonly allow: readonly string[]; readonly deny: readonly string[] }
  /** Lets the user answer requests it received (publish to their reply subject, once). */
  readonly allowResponses: boolean
}

const ROOT = SUBJECT_ROOT
const DESIRED_STREAM = `KV_${DESIRED_STATE_BUCKET}`

/** What an SDK instance publishes: telemetry, and incident reports (requests the control plane answers). */
export const SDK_TELEMETRY_SUBJECTS = Object.freeze([
  `${ROOT}.ack.>`,
  `${ROOT}.hb.>`,
  `${ROOT}.hist.>`,
  `${ROOT}.scalars.>`,
  `${ROOT}.tail.>`,
  `${ROOT}.incident.>`,
])

/** What the control plane asks the instances (requests and the discover broadcast). */
export const CONTROL_SUBJECTS = Object.freeze([
  `${ROOT}.discover`,
  `${ROOT}.dump.>`,
  `${ROOT}.check.>`,
  `${ROOT}.inspect.>`,
])

/**
 * The JetStream API an SDK needs to READ its desired state and nothing more:
 * bind to the bucket (account and stream info), get a key (msg get, or
 * direct get on a stream that allows it), watch a key (an ordered push
 * consumer: create, flow-control replies; nats.js 2.29 names the key in the
 * create subject). No create/update/purge of streams, no consumer delete, no
 * `$KV.>` publish: the server refuses any write.
 */
export const SDK_KV_READ_SUBJECTS = Object.freeze([
  '$JS.API.INFO',
  `$JS.API.STREAM.INFO.${DESIRED_STREAM}`,
  `$JS.API.DIRECT.GET.${DESIRED_STREAM}`,
  `$JS.API.DIRECT.GET.${DESIRED_STREAM}.>`,
  `$JS.API.STREAM.MSG.GET.${DESIRED_STREAM}`,
  `$JS.API.CONSUMER.CREATE.${DESIRED_STREAM}`,
  `$JS.API.CONSUMER.CREATE.${DESIRED_STREAM}.>`,
  `$JS.FC.${DESIRED_STREAM}.>`,
])

/**
 * The control plane: every prodbench subject (it is the fleet's controller,
 * and its own telemetry probes, e.g. the orphan-tail probe, use them), the
 * JetStream API (the KV buckets and streams it owns), KV writes, acks and
 * flow control. Never the SDK's inboxes; never deleting or purging the audit
 * stream, even with its own credentials.
 */
export function controlPlanePermissions(): NatsPermissions {
  return {
    publish: {
      allow: [
        `${ROOT}.>`,
        '$JS.API.>',
        `$KV.${DESIRED_STATE_BUCKET}.>`,
        `$KV.${TOKENS_BUCKET}.>`,
        '$JS.ACK.>',
        '$JS.FC.>',
      ],
      deny: [
        `$JS.API.STREAM.DELETE.${AUDIT_STREAM}`,
        `$JS.API.STREAM.PURGE.${AUDIT_STREAM}`,
        `$JS.API.STREAM.MSG.DELETE.${AUDIT_STREAM}`,
        `${SDK_INBOX_PREFIX}.>`,
      ],
    },
    subscribe: {
      // JetStream advisories: a KV bucket's new stream leader restarts the watches on it.
      allow: [`${ROOT}.>`, `${CONTROL_PLANE_INBOX_PREFIX}.>`, '$JS.EVENT.ADVISORY.>'],
      deny: [`${SDK_INBOX_PREFIX}.>`],
    },
    // Incident reports are requests from the instances: the control plane answers them.
    allowResponses: true,
  }
}

/**
 * An SDK instance: publish telemetry and incident reports, read its desired
 * state, hear the control plane's requests and answer them. Never a control
 * subject, never a KV write, never the control plane's inboxes.
 */
export function sdkPermissions(): NatsPermissions {
  return {
    publish: {
      allow: [...SDK_TELEMETRY_SUBJECTS, ...SDK_KV_READ_SUBJECTS],
      deny: [...CONTROL_SUBJECTS, '$KV.>', `${CONTROL_PLANE_INBOX_PREFIX}.>`],
    },
    subscribe: {
      // The desired-state stream's leader elections: the SDK watches again on the new leader (a cluster).
      allow: [
        ...CONTROL_SUBJECTS,
        `${SDK_INBOX_PREFIX}.>`,
        `$JS.EVENT.ADVISORY.STREAM.LEADER_ELECTED.${DESIRED_STREAM}`,
      ],
      deny: [`${CONTROL_PLANE_INBOX_PREFIX}.>`],
    },
    allowResponses: true,
  }
}

/** The permissions of `role`. */
export function permissionsOf(role: NatsRole): NatsPermissions {
  return role === 'control-plane' ? controlPlanePermissions() : sdkPermissions()
}
