import assert from 'node:assert/strict'
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { packAll } from '../../tools/pack/pack.js'
import { eventually } from '../helpers/eventually.js'
import { startTestNats } from '../helpers/nats-server.js'

const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url))

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number; out: string; err: string }>((resolve) =>
    execFile(command, args, { cwd, env: { ...process.env, ...env }, timeout: 240_000 }, (error, out, err) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    ),
  )
}

/** Starts a long-running process of the example project; killed (by its pid) when the test ends. */
function background(t: TestContext, args: string[], cwd: string, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env } })
  let out = ''
  child.stdout?.on('data', (chunk) => (out += chunk))
  child.stderr?.on('data', (chunk) => (out += chunk))
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  })
  const state = () =>
    child.exitCode !== null || child.signalCode !== null
      ? `exited ${child.exitCode ?? child.signalCode}`
      : `running, pid ${child.pid}`
  return { output: () => out, state }
}

test('pack - the packed proto, sdk and control-plane install and run outside the workspace', {
  timeout: 300_000,
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-pack-test-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const tarballs = packAll(join(dir, 'tarballs'))
  assert.deepEqual(
    tarballs.map((p) => p.replace(/^.*\//, '')),
    ['prodbench-proto-0.1.0.tgz', 'prodbench-sdk-0.1.0.tgz', 'prodbench-control-plane-0.1.0.tgz'],
  )

  // An ordinary project elsewhere: the tarballs, their dependencies from the npm registry.
  const project = join(dir, 'project')
  await run('mkdir', ['-p', project], dir)
  await writeFile(join(project, 'package.json'), '{ "name": "pack-smoke", "private": true, "type": "module" }\n')
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], project)
  assert.equal(install.code, 0, install.err)

  const sdkManifest = JSON.parse(await readFile(join(project, 'node_modules/@prodbench/sdk/package.json'), 'utf8'))
  assert.deepEqual(sdkManifest.exports['.'], { types: './dist/index.d.ts', default: './dist/index.js' })
  assert.equal(sdkManifest.engines.node, '>=20.10')
  assert.equal(sdkManifest.private, undefined)
  const cpManifest = JSON.parse(
    await readFile(join(project, 'node_modules/@prodbench/control-plane/package.json'), 'utf8'),
  )
  assert.equal(cpManifest.dependencies.tsx, undefined, 'the installed control plane runs without tsx')

  // The types resolve through the exports map: a TypeScript user of the SDK typechecks.
  await writeFile(
    join(project, 'check.ts'),
    "import { init, type Prodbench } from '@prodbench/sdk'\nimport { subjects } from '@prodbench/sdk/core'\n" +
      "const pb: Prodbench = init({ service: 'x' })\nconst s: string = subjects.ack('x', 'y')\nvoid pb\nvoid s\n",
  )
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['check.ts'],
    }),
  )
  const typecheck = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], project)
  assert.equal(typecheck.code, 0, typecheck.out + typecheck.err)

  // A tiny service with the SDK, a control plane and ctl from the installed bins, over a real nats-server.
  const nats = await startTestNats(t)
  await writeFile(
    join(project, 'service.mjs'),
    "import { init } from '@prodbench/sdk'\n" +
      "const pb = init({ service: 'packed', instance: 'p1', nats: process.env.NATS_URL, heartbeatIntervalMs: 500 })\n" +
      "pb.logger('db').info('hello from the packed sdk')\nawait pb.ready()\nsetInterval(() => {}, 1000)\n" +
      "process.on('SIGTERM', () => pb.close().then(() => process.exit(0)))\n",
  )
  background(t, ['service.mjs'], project, { NATS_URL: nats.url })
  const cp = background(
    t,
    ['node_modules/.bin/control-plane', '--nats', nats.url, '--grpc', '127.0.0.1:0', '--data', join(dir, 'cp-data')],
    project,
    {},
  )
  let server = ''
  await eventually(
    () => {
      server = /gRPC listening on (\S+)/.exec(cp.output())?.[1] ?? ''
      return server !== ''
    },
    30_000,
    () => `the packed control plane to listen (${cp.state()}; output: ${cp.output() || 'none'})`,
  )

  let ls = { code: -1, out: '', err: '' }
  await eventually(
    async () => {
      // The control plane requires tokens by default: ctl reads the admin token its first start wrote.
      ls = await run(process.execPath, ['node_modules/.bin/ctl', '--server', server, 'ls'], project, {
        NO_COLOR: '1',
        PRODBENCH_TOKEN_FILE: join(dir, 'cp-data', 'security', 'admin.token'),
      })
      return ls.code === 0 && /packed\s+1\s/.test(ls.out)
    },
    30_000,
    'ctl ls to list the packed service',
  )
  assert.match(ls.out, /^SERVICE\s+INSTANCES\s+RULES\s+REVISION\npacked\s+1\s+0\s+0\n$/)
})
