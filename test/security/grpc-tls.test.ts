import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { main } from '../../control-plane/src/ctl/main.js'
import { memoryIo } from '../../control-plane/test/fixtures/ctl-io.js'
import { startSecuredControlPlane } from './secured-control-plane.js'

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
async function certificates(t: Pick<TestContext, 'after'>) {
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-tls-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const file = (name: string) => join(dir, name)
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' })
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  ssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=test-ca')
  await writeFile(file('server.ext'), 'subjectAltName=IP:127.0.0.1\n')
  for (const who of ['server', 'client']) {
    ssl('req', ...ec, '-keyout', file(`${who}.key`), '-out', file(`${who}.csr`), '-subj', `/CN=${who}`)
    ssl(
      'x509',
      '-req',
      '-in',
      file(`${who}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file(`${who}.pem`),
      '-days',
      '1',
      ...(who === 'server' ? ['-extfile', file('server.ext')] : []),
    )
  }
  return file
}

async function ctl(server: string, env: Record<string, string>) {
  const { io, captured } = memoryIo({ env: { PRODBENCH_CONFIG: '/nonexistent/prodbench.json', ...env }, now: Date.now })
  const code = await main(['--server', server, 'ls'], io)
  return { code, err: captured.err }
}

test('grpc tls - with grpcTls the API speaks TLS only; ctl verifies the server with PRODBENCH_TLS_CA', async (t) => {
  const file = await certificates(t)
  const plane = await startSecuredControlPlane(t, {
    security: { grpcTls: { certFile: file('server.pem'), keyFile: file('server.key') } },
  })
  assert.equal(plane.cp.security.grpcTls, 'tls')
  const server = plane.cp.grpcAddress
  const token = { PRODBENCH_TOKEN: plane.adminToken }
  assert.equal((await ctl(server, { ...token, PRODBENCH_TLS_CA: file('ca.pem') })).code, 0)
  // In clear, the token would cross the network readable: the server does not take it.
  const plain = await ctl(server, token)
  assert.equal(plain.code, 3, plain.err)
})

test('grpc tls - requireClientCert refuses a client without a certificate signed by the CA', async (t) => {
  const file = await certificates(t)
  const plane = await startSecuredControlPlane(t, {
    security: {
      grpcTls: {
        certFile: file('server.pem'),
        keyFile: file('server.key'),
        caFile: file('ca.pem'),
        requireClientCert: true,
      },
    },
  })
  assert.equal(plane.cp.security.grpcTls, 'mtls')
  const env = { PRODBENCH_TOKEN: plane.adminToken, PRODBENCH_TLS_CA: file('ca.pem') }
  assert.equal((await ctl(plane.cp.grpcAddress, env)).code, 3, 'refused at the TLS handshake: unreachable')
  const withCert = await ctl(plane.cp.grpcAddress, {
    ...env,
    PRODBENCH_TLS_CERT: file('client.pem'),
    PRODBENCH_TLS_KEY: file('client.key'),
  })
  assert.equal(withCert.code, 0, withCert.err)
})
