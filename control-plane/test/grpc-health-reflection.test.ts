import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { type Client, credentials, loadPackageDefinition, Server, type ServiceError } from '@grpc/grpc-js'
import { loadSync } from '@grpc/proto-loader'
import { protoPath as healthProtoPath } from 'grpc-health-check'
import { eventually } from '../../test/helpers/eventually.js'
import { addHealthService, CONTROL_PLANE_SERVICE, type HealthSource } from '../src/grpc/health.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

type Callback<T> = (err: ServiceError | null, res?: T) => void
type HealthClient = Client & { check(req: { service: string }, cb: Callback<{ status: string }>): void }
type ReflectionStream = {
  write(req: object): void
  end(): void
  on(event: 'data', l: (res: ReflectionResponse) => void): void
  on(event: 'error', l: (err: Error) => void): void
}
interface ReflectionResponse {
  listServicesResponse?: { service: Array<{ name: string }> }
  fileDescriptorResponse?: { fileDescriptorProto: Buffer[] }
}
type ReflectionClient = Client & { ServerReflectionInfo(): ReflectionStream }

function healthClient(address: string): HealthClient {
  const definition = loadSync(healthProtoPath, { keepCase: true, enums: String })
  const pkg = loadPackageDefinition(definition) as unknown as {
    grpc: {
      health: { v1: { Health: new (a: string, c: ReturnType<typeof credentials.createInsecure>) => HealthClient } }
    }
  }
  return new pkg.grpc.health.v1.Health(address, credentials.createInsecure())
}

function reflectionClient(address: string): ReflectionClient {
  // The reflection package ships the standard reflection.proto; a client needs nothing else.
  const root = join(dirname(createRequire(import.meta.url).resolve('@grpc/reflection/package.json')), 'build/proto')
  const definition = loadSync('grpc/reflection/v1/reflection.proto', { includeDirs: [root] })
  const pkg = loadPackageDefinition(definition) as unknown as {
    grpc: {
      reflection: {
        v1: { ServerReflection: new (a: string, c: ReturnType<typeof credentials.createInsecure>) => ReflectionClient }
      }
    }
  }
  return new pkg.grpc.reflection.v1.ServerReflection(address, credentials.createInsecure())
}

function check(client: HealthClient, service: string): Promise<string> {
  return new Promise((resolve, reject) =>
    client.check({ service }, (err, res) => (err ? reject(err) : resolve(res?.status ?? ''))),
  )
}

/** Sends one reflection request on a fresh stream and returns the first answer. */
function reflect(client: ReflectionClient, request: object): Promise<ReflectionResponse> {
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo()
    call.on('data', (res) => {
      resolve(res)
      call.end()
    })
    call.on('error', reject)
    call.write(request)
  })
}

test('health - SERVING while NATS is up, NOT_SERVING once it is gone', async (t) => {
  const { cp, nats } = await startTestControlPlane(t)
  const client = healthClient(cp.grpcAddress)
  t.after(() => client.close())
  await eventually(async () => (await check(client, '')) === 'SERVING', 5_000, 'SERVING')
  assert.equal(await check(client, CONTROL_PLANE_SERVICE), 'SERVING')
  await assert.rejects(check(client, 'no.such.Service'), (err: ServiceError) => err.code === 5)
  await nats.stop()
  await eventually(async () => (await check(client, '')) === 'NOT_SERVING', 10_000, 'NOT_SERVING')
  assert.equal(await check(client, CONTROL_PLANE_SERVICE), 'NOT_SERVING')
})

test('health - a KV bucket that does not answer is NOT_SERVING even with NATS connected', async () => {
  const listeners: Array<(e: 'disconnect' | 'reconnect') => void> = []
  let kvUp = false
  const source: HealthSource = {
    connected: () => true,
    probeKv: () => (kvUp ? Promise.resolve() : Promise.reject(new Error('no JetStream'))),
    onStatus: (l) => {
      listeners.push(l)
      return () => listeners.splice(listeners.indexOf(l), 1)
    },
  }
  const health = addHealthService(new Server(), source, { intervalMs: 60_000 })
  try {
    assert.equal(await health.refresh(), 'NOT_SERVING')
    kvUp = true
    for (const l of listeners) l('reconnect')
    assert.equal(await health.refresh(), 'SERVING')
    for (const l of listeners) l('disconnect')
    assert.equal(health.status, 'NOT_SERVING')
  } finally {
    health.close()
  }
  assert.equal(listeners.length, 0, 'close() stops listening to the link')
})

test('reflection - lists the ControlPlane and Health services and describes ControlPlane', async (t) => {
  const { cp } = await startTestControlPlane(t)
  const client = reflectionClient(cp.grpcAddress)
  t.after(() => client.close())
  const listed = await reflect(client, { listServices: '*' })
  const names = listed.listServicesResponse?.service.map((s) => s.name) ?? []
  assert.ok(names.includes('prodbench.v1.ControlPlane'), names.join(', '))
  assert.ok(names.includes('grpc.health.v1.Health'), names.join(', '))
  const file = await reflect(client, { fileContainingSymbol: 'prodbench.v1.ControlPlane' })
  const protos = file.fileDescriptorResponse?.fileDescriptorProto ?? []
  assert.ok(protos.length > 0)
  // The descriptor is binary protobuf; the method names appear in it verbatim.
  const text = Buffer.concat(protos).toString('latin1')
  for (const method of ['SetRule', 'ListInstances', 'GetStatus']) assert.ok(text.includes(method), method)
})
