import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { grpcPackage } from '@prodbench/proto'
import { connect } from 'nats'
import { findNatsServerBinary } from '../../control-plane/src/index.js'
import { natsConfigCommand } from '../../control-plane/src/security/nats-config-command.js'
import { parseEnvFile } from '../../control-plane/src/security/nats-identities.js'
import { RPC_PERMISSIONS } from '../../control-plane/src/security/rpc-permissions.js'
import { closedPort } from '../../control-plane/test/fixtures/ctl-io.js'

async function run(args: string[]) {
  const out = { stdout: '', stderr: '' }
  const code = await natsConfigCommand(
    args,
    {},
    {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  )
  return { code, ...out }
}

test('nats-config - writes a working config; passwords only in the 0600 files, masked on stdout', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-natsconf-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const port = await closedPort()
  const { code, stdout, stderr } = await run(['--out', dir, '--auth', 'password', '--listen', `127.0.0.1:${port}`])
  assert.equal(code, 0, stderr)
  const sdkEnv = parseEnvFile(await readFile(join(dir, 'sdk.env'), 'utf8'))
  const cpEnv = parseEnvFile(await readFile(join(dir, 'control-plane.env'), 'utf8'))
  const secrets = [sdkEnv.PRODBENCH_NATS_PASSWORD, cpEnv.PRODBENCH_NATS_PASSWORD] as string[]
  assert.ok(secrets.every((secret) => secret.length >= 24))
  for (const secret of secrets) assert.ok(!stdout.includes(secret) && !stderr.includes(secret))
  assert.match(stdout, /password: "<secret: in the written file only>"/)
  for (const file of ['nats-server.conf', 'sdk.env', 'control-plane.env', 'sdk.password']) {
    assert.equal(((await stat(join(dir, file))).mode & 0o777).toString(8), '600', file)
  }
  // The written config runs as written (`nats-server -c`): the SDK user connects, a wrong password does not.
  const server = spawn(findNatsServerBinary(), ['-c', join(dir, 'nats-server.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  t.after(() => {
    server.kill('SIGKILL')
  })
  let log = ''
  await new Promise<void>((resolve, reject) => {
    server.stderr.on('data', (chunk) => {
      log += chunk
      if (log.includes('Server is ready')) resolve()
    })
    server.once('exit', () => reject(new Error(`nats-server exited:\n${log}`)))
  })
  assert.equal(sdkEnv.NATS_URL, `nats://127.0.0.1:${port}`)
  const nc = await connect({
    servers: sdkEnv.NATS_URL,
    user: sdkEnv.PRODBENCH_NATS_USER,
    pass: sdkEnv.PRODBENCH_NATS_PASSWORD,
  })
  await nc.close()
  await assert.rejects(connect({ servers: sdkEnv.NATS_URL, user: 'prodbench-sdk', pass: 'nope', reconnect: false }), {
    code: 'AUTHORIZATION_VIOLATION',
  })
  // Run again: the same passwords (services stay connected); --rotate: new ones.
  await run(['--out', dir, '--auth', 'password'])
  assert.equal(parseEnvFile(await readFile(join(dir, 'sdk.env'), 'utf8')).PRODBENCH_NATS_PASSWORD, secrets[0])
  await run(['--out', dir, '--auth', 'password', '--rotate'])
  assert.notEqual(parseEnvFile(await readFile(join(dir, 'sdk.env'), 'utf8')).PRODBENCH_NATS_PASSWORD, secrets[0])
})

test('nats-config - a bad flag is a usage error naming it (exit 2)', async () => {
  const bad = await run(['--auth', 'kerberos'])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /--auth must be nkey or password \(got "kerberos"\)/)
  assert.match(bad.stderr, /Usage: control-plane nats-config/)
  assert.match((await run(['--tls-verify', '--tls-ca', 'ca.pem'])).stderr, /need --tls-cert and --tls-key/)
})

test('permissions - every RPC of the ControlPlane service has an entry in the permission table', () => {
  const methods = Object.keys(grpcPackage.prodbench.v1.ControlPlane.service).sort()
  const missing = methods.filter((method) => !Object.hasOwn(RPC_PERMISSIONS, method))
  assert.deepEqual(missing, [], `add these to security/rpc-permissions.ts: ${missing.join(', ')}`)
})
