import assert from 'node:assert/strict'
import { execFile, execFileSync } from 'node:child_process'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { eventually, startInstance } from '../../test/helpers/fleet.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

const CLIENT = fileURLToPath(new URL('../../examples/python/client.py', import.meta.url))

/** A python3 that has grpcio and grpcio-tools (Debian's are for /usr/bin/python3), or undefined. */
function pythonWithGrpc(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import grpc, grpc_tools.protoc'], { stdio: 'ignore' })
      return python
    } catch {
      // not this one
    }
  }
  return undefined
}

const PYTHON = pythonWithGrpc()

function run(server: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) =>
    // Async: the control plane answering it runs in this process.
    execFile(PYTHON as string, [CLIENT, '--server', server, ...args], { timeout: 60_000 }, (error, out, err) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    ),
  )
}

test('python client - lists the instances and sets a level through the gRPC API', {
  skip:
    PYTHON === undefined &&
    'python3 with grpcio and grpcio-tools is not installed (apt-get install python3-grpcio python3-grpc-tools)',
}, async (t) => {
  const { cp, nats, client } = await startTestControlPlane(t)
  const fleet = ['pod-a', 'pod-b'].map((instance) =>
    startInstance({ service: 'checkout', instance, nats: nats.url }, t),
  )
  for (const i of fleet) i.pb.logger('db')
  await Promise.all(fleet.map((i) => i.pb.ready()))
  await eventually(async () => ((await client.listInstances({ service: 'checkout' })).instances?.length ?? 0) === 2)

  const listed = await run(cp.grpcAddress, '--service', 'checkout')
  assert.equal(listed.code, 0, listed.err)
  assert.match(listed.out, /^2 instance\(s\) of checkout:\n {2}pod-a {2}revision 0 {2}\(root\)=info, db=info\n/)

  const set = await run(cp.grpcAddress, '--service', 'checkout', '--logger', 'db', '--level', 'debug', '--ttl', '10m')
  assert.equal(set.code, 0, set.err)
  assert.match(set.out, /debug on checkout\/db: applied on 2\/2 instances in \d+ ms \(rule r-\w+, revision 1\)/)
  for (const i of fleet) assert.equal(i.pb.logger('db').level, 'debug')

  const bad = await run(cp.grpcAddress, '--service', 'checkout', '--level', 'loud')
  assert.equal(bad.code, 1)
  assert.match(bad.err, /^error: INVALID_ARGUMENT PB_INVALID_ARGUMENT: rule\.level: /)
})
