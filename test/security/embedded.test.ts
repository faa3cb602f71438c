import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { connect } from 'nats'
import { startControlPlane } from '../../control-plane/src/index.js'
import { parseEnvFile } from '../../control-plane/src/security/nats-identities.js'
import { eventually, startInstance } from '../helpers/fleet.js'

const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8)

test('embedded - the default nats-server runs secured and an SDK connects with the generated sdk.env', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'prodbench-embedded-'))
  t.after(() => rm(dataDir, { recursive: true, force: true }))
  const cp = await startControlPlane({ dataDir, grpc: '127.0.0.1:0', onWarning: () => {} })
  t.after(() => cp.close())
  const security = cp.security
  assert.equal(security.auth, 'none', 'the programmatic default: no tokens')
  assert.ok(security.sdkEnvFile && security.natsConfigFile)
  assert.equal(await mode(security.dir), '700')
  for (const file of [
    security.sdkEnvFile,
    security.natsConfigFile,
    join(security.dir, 'sdk.nk'),
    join(security.dir, 'control-plane.nk'),
  ]) {
    assert.equal(await mode(file), '600', file)
  }
  // The server config names public keys only: no seed in it.
  const config = await readFile(security.natsConfigFile, 'utf8')
  assert.match(config, /nkey: "U[A-Z2-7]{55}"/)
  assert.doesNotMatch(config, /SU[A-Z2-7]{56}/)

  // No credentials: refused.
  await assert.rejects(connect({ servers: cp.natsUrl, reconnect: false }), { code: 'AUTHORIZATION_VIOLATION' })

  // A service started with sdk.env (as `set -a; . sdk.env` would) connects, follows its rules and acks.
  const env = parseEnvFile(await readFile(security.sdkEnvFile, 'utf8'))
  assert.equal(env.NATS_URL, cp.natsUrl)
  const before = process.env.PRODBENCH_NATS_NKEY
  process.env.PRODBENCH_NATS_NKEY = env.PRODBENCH_NATS_NKEY
  t.after(() => {
    if (before === undefined) delete process.env.PRODBENCH_NATS_NKEY
    else process.env.PRODBENCH_NATS_NKEY = before
  })
  const app = startInstance({ service: 'checkout', instance: 'e1', nats: env.NATS_URL }, t)
  await app.pb.ready()
  assert.equal(app.pb.status().connection, 'connected')
  await eventually(() => cp.stats().instances === 1, 10_000, 'the instance in the registry')
})

test('embedded - a restart keeps the identities, so running services stay connected', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'prodbench-embedded-'))
  t.after(() => rm(dataDir, { recursive: true, force: true }))
  const first = await startControlPlane({ dataDir, grpc: '127.0.0.1:0', onWarning: () => {} })
  const seed = await readFile(join(first.security.dir, 'sdk.nk'), 'utf8')
  await first.close()
  const second = await startControlPlane({ dataDir, grpc: '127.0.0.1:0', onWarning: () => {} })
  t.after(() => second.close())
  assert.equal(await readFile(join(second.security.dir, 'sdk.nk'), 'utf8'), seed)
})
