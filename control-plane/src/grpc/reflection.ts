/**
 * gRPC server reflection (v1 and v1alpha, from the official @grpc/reflection
 * package): lets grpcurl, grpcui, Postman or Evans list the services and call
 * them without the .proto files. It describes the prodbench.v1 files and the
 * standard health service.
 */
import type { Server } from '@grpc/grpc-js'
import { loadSync } from '@grpc/proto-loader'
import { ReflectionService } from '@grpc/reflection'
import { PROTO_DIR, PROTO_FILES } from '@prodbench/proto'
import { protoPath as healthProtoPath } from 'grpc-health-check'

/** Adds the reflection service to `server`, describing ControlPlane and Health. */
export function addReflectionService(server: Pick<Server, 'addService'>): void {
  // proto-loader finds the health file through its own include root.
  const healthRoot = healthProtoPath.slice(0, healthProtoPath.lastIndexOf('health/v1/'))
  const definition = loadSync([...PROTO_FILES, 'health/v1/health.proto'], {
    includeDirs: [PROTO_DIR, healthRoot],
  })
  new ReflectionService(definition).addToServer(server)
}
