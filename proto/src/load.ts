import { fileURLToPath } from 'node:url'
import { loadPackageDefinition } from '@grpc/grpc-js'
import { loadSync } from '@grpc/proto-loader'
import protobuf from 'protobufjs'
import type { ProtoGrpcType } from './generated/control_plane.js'

/** Folder holding `prodbench/v1/*.proto` (the include root). */
export const PROTO_DIR = fileURLToPath(new URL('..', import.meta.url))

/** The .proto files, relative to {@link PROTO_DIR}. */
export const PROTO_FILES = [
  'prodbench/v1/rules.proto',
  'prodbench/v1/histograms.proto',
  'prodbench/v1/incidents.proto',
  'prodbench/v1/instance.proto',
  'prodbench/v1/instruments.proto',
  'prodbench/v1/logs.proto',
  'prodbench/v1/control_plane.proto',
] as const

/**
 * Options shared by proto-loader (gRPC) and the NATS codecs, so a message
 * looks the same whichever way it arrived: camelCase fields, 64-bit integers
 * as numbers (unix ms fit), absent fields left out, the oneof name set.
 */
export const CONVERSION = { keepCase: false, longs: Number, enums: String, defaults: false, oneofs: true } as const

const definition = loadSync([...PROTO_FILES], { ...CONVERSION, includeDirs: [PROTO_DIR] })

/** grpc-js package object: `grpcPackage.prodbench.v1.ControlPlane` is the service. */
export const grpcPackage = loadPackageDefinition(definition) as unknown as ProtoGrpcType

/** protobufjs root with every prodbench.v1 type, for the binary NATS codecs. */
export const protoRoot: protobuf.Root = (() => {
  const root = new protobuf.Root()
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : `${PROTO_DIR}${target}`)
  root.loadSync([...PROTO_FILES], { keepCase: false })
  root.resolveAll()
  return root
})()
