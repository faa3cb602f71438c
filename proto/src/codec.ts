import type protobuf from 'protobufjs'
import type { Ack, Ack__Output } from './generated/prodbench/v1/Ack.js'
import type { CheckRunReply, CheckRunReply__Output } from './generated/prodbench/v1/CheckRunReply.js'
import type { CheckRunRequest, CheckRunRequest__Output } from './generated/prodbench/v1/CheckRunRequest.js'
import type { DesiredState, DesiredState__Output } from './generated/prodbench/v1/DesiredState.js'
import type { DumpReply, DumpReply__Output } from './generated/prodbench/v1/DumpReply.js'
import type { DumpRequest, DumpRequest__Output } from './generated/prodbench/v1/DumpRequest.js'
import type { Heartbeat, Heartbeat__Output } from './generated/prodbench/v1/Heartbeat.js'
import type { HistogramSnapshot, HistogramSnapshot__Output } from './generated/prodbench/v1/HistogramSnapshot.js'
import type { Incident, Incident__Output } from './generated/prodbench/v1/Incident.js'
import type { IncidentReport, IncidentReport__Output } from './generated/prodbench/v1/IncidentReport.js'
import type { InspectReply, InspectReply__Output } from './generated/prodbench/v1/InspectReply.js'
import type { InspectRequest, InspectRequest__Output } from './generated/prodbench/v1/InspectRequest.js'
import type { ScalarSnapshot, ScalarSnapshot__Output } from './generated/prodbench/v1/ScalarSnapshot.js'
import type { TailBatch, TailBatch__Output } from './generated/prodbench/v1/TailBatch.js'
import { CONVERSION, protoRoot } from './load.js'

/** Bytes that are not a valid encoding of the expected message. */
export class DecodeError extends Error {
  override name = 'DecodeError'
  readonly code = 'PB_DECODE'
  constructor(
    readonly messageType: string,
    cause: unknown,
  ) {
    super(`not a valid ${messageType}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

/** Encodes a message to protobuf binary and decodes it back to a plain object. */
export interface Codec<In, Out> {
  readonly typeName: string
  encode(message: In): Uint8Array
  /** @throws {DecodeError} when the bytes are not a valid message */
  decode(bytes: Uint8Array): Out
}

function codec<In, Out>(typeName: string): Codec<In, Out> {
  const type: protobuf.Type = protoRoot.lookupType(`prodbench.v1.${typeName}`)
  return {
    typeName,
    encode(message) {
      // No fromObject: our schema has no enums, and the writer takes plain numbers, strings,
      // Longs and bytes as they are; the copy into message instances (uint64 as Long) cost 2x.
      return type.encode(message as Record<string, unknown>).finish()
    },
    decode(bytes) {
      try {
        // protobufjs reads a Node Buffer (what NATS hands over) through its
        // lenient Buffer reader, which cuts a string running past the end
        // short instead of failing: read it as a plain Uint8Array view.
        const view = Buffer.isBuffer(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes
        return type.toObject(type.decode(view), CONVERSION) as Out
      } catch (err) {
        throw new DecodeError(typeName, err)
      }
    },
  }
}

/** Binary codecs for the messages carried over NATS and JetStream KV. */
export const codecs = {
  desiredState: codec<DesiredState, DesiredState__Output>('DesiredState'),
  ack: codec<Ack, Ack__Output>('Ack'),
  heartbeat: codec<Heartbeat, Heartbeat__Output>('Heartbeat'),
  histogramSnapshot: codec<HistogramSnapshot, HistogramSnapshot__Output>('HistogramSnapshot'),
  scalarSnapshot: codec<ScalarSnapshot, ScalarSnapshot__Output>('ScalarSnapshot'),
  tailBatch: codec<TailBatch, TailBatch__Output>('TailBatch'),
  dumpRequest: codec<DumpRequest, DumpRequest__Output>('DumpRequest'),
  dumpReply: codec<DumpReply, DumpReply__Output>('DumpReply'),
  incidentReport: codec<IncidentReport, IncidentReport__Output>('IncidentReport'),
  incident: codec<Incident, Incident__Output>('Incident'),
  checkRunRequest: codec<CheckRunRequest, CheckRunRequest__Output>('CheckRunRequest'),
  checkRunReply: codec<CheckRunReply, CheckRunReply__Output>('CheckRunReply'),
  inspectRequest: codec<InspectRequest, InspectRequest__Output>('InspectRequest'),
  inspectReply: codec<InspectReply, InspectReply__Output>('InspectReply'),
}
