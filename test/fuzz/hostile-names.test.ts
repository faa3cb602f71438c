import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { test } from 'node:test'
import {
  DESIRED_STATE_BUCKET,
  desiredStateKey,
  instanceIdProblem,
  loggerNameProblem,
  loggerPatternProblem,
  metricNameProblem,
  metricPatternProblem,
  serviceNameProblem,
  subjects,
} from '@prodbench/sdk/core'
import { connect } from 'nats'
import { main as ctl } from '../../control-plane/src/ctl/main.js'
import { startControlPlane } from '../../control-plane/src/index.js'
import { memoryIo } from '../../control-plane/test/fixtures/ctl-io.js'
import { type Diagnostic, init } from '../../sdk/src/index.js'
import { eventually } from '../helpers/fleet.js'
import { controlPlaneClient } from '../helpers/grpc.js'
import { startTestNats } from '../helpers/nats-server.js'
import { HOSTILE_STRINGS } from './generators.js'

const INVALID_ARGUMENT = 3
const USAGE = 2

type Kind = 'service' | 'instance' | 'logger' | 'metric'

/** What the core's name rules say, per kind: the verdict every entry point must agree with. */
const RULES: Record<Kind, { name: (v: string) => string | undefined; pattern: (v: string) => string | undefined }> = {
  service: { name: serviceNameProblem, pattern: serviceNameProblem },
  instance: { name: instanceIdProblem, pattern: instanceIdProblem },
  // A logger or metric is named in code, and selected by a pattern in a rule ("db.*", "**").
  logger: { name: loggerNameProblem, pattern: loggerPatternProblem },
  metric: { name: metricNameProblem, pattern: metricPatternProblem },
}

const CASES: Array<{ kind: Kind; value: string }> = (['service', 'instance', 'logger', 'metric'] as const).flatMap(
  (kind) => HOSTILE_STRINGS.map((value) => ({ kind, value })),
)

const show = (v: string) => JSON.stringify(v.length > 24 ? `${v.slice(0, 12)}…(${v.length})` : v)

test('hostile names - service, instance, logger and metric names are refused or made valid the same way at every entry point', async (t) => {
  const nats = await startTestNats(t)
  const warnings: string[] = []
  const cp = await startControlPlane({
    nats: nats.url,
    grpc: '127.0.0.1:0',
    maxCaptures: 1_000,
    onWarning: (m) => warnings.push(m),
  })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  const diagnostics: Diagnostic[] = []
  const destination = new Writable({ write: (_chunk, _encoding, done) => done() })
  const pb = init({ service: 'fzsvc', instance: 'one', destination, onDiagnostic: (d) => diagnostics.push(d) })
  t.after(() => pb.close())
  const ctlRun = async (...argv: string[]) => {
    const { io, captured } = memoryIo()
    const code = await ctl(['--server', cp.grpcAddress, ...argv], io)
    return { code, text: captured.err + captured.out }
  }
  const grpcCode = (promise: Promise<unknown>) =>
    promise.then(
      () => 0,
      (err: { code?: number; details?: string }) => ({ code: err.code, details: err.details ?? '' }),
    )

  const table: string[] = []
  for (const { kind, value } of CASES) {
    const nameOk = RULES[kind].name(value) === undefined
    const patternOk = RULES[kind].pattern(value) === undefined
    // proto3 has no "absent" for strings: an empty selector field means "not given".
    const absent = value === '' && kind !== 'service'
    const seen: string[] = []
    const where = `${kind} ${show(value)}`

    // The SDK: service and instance are init() options (a bad one throws at init, the only throw);
    // loggers and metrics are made valid and reported, never thrown.
    if (kind === 'service' || kind === 'instance') {
      let threw = false
      try {
        const other = init({
          destination,
          ...(kind === 'service' ? { service: value } : { service: 'fzsvc', instance: value }),
        })
        await other.close()
      } catch (err) {
        threw = true
        assert.equal((err as { code?: string }).code, 'PB_SDK_OPTIONS', where)
        assert.match((err as Error).message, new RegExp(kind), `${where}: the message names the option`)
      }
      assert.equal(threw, !nameOk, `${where}: init`)
      seen.push(threw ? 'init throws' : 'init ok')
      let subjectThrew = false
      try {
        if (kind === 'service') {
          subjects.heartbeat(value, 'one')
          desiredStateKey(value)
        } else subjects.heartbeat('fzsvc', value)
      } catch {
        subjectThrew = true
      }
      assert.equal(subjectThrew, !nameOk, `${where}: subjects / KV key`)
    } else {
      const before = diagnostics.length
      const made =
        kind === 'logger'
          ? [pb.logger(value)]
          : [pb.histogram(value), pb.counter(`c${value}`), pb.gauge(`g${value}`)].slice(0, value === '' ? 1 : 3)
      assert.ok(made.every(Boolean), `${where}: the SDK returned an instrument`)
      const reported = diagnostics.length > before
      // The root logger is '' by design; for metrics '' is an error.
      const expected = kind === 'logger' ? !nameOk && value !== '' : !nameOk
      assert.equal(reported, expected, `${where}: SDK diagnostic`)
      seen.push(reported ? 'SDK reports+fixes' : 'SDK ok')
    }

    // gRPC: a bad name is INVALID_ARGUMENT naming the field.
    if (!absent) {
      const selector = { service: 'fzsvc', ...(kind === 'service' || kind === 'metric' ? {} : { [kind]: value }) }
      if (kind === 'service') selector.service = value
      const rule =
        kind === 'metric'
          ? { selector, capture: { metric: value, intervalMs: 1_000 }, ttlMs: 60_000 }
          : { selector, level: 'debug' }
      const got = await grpcCode(client.setRule({ rule, waitMs: 1 }))
      if (patternOk) assert.equal(got, 0, `${where}: SetRule accepted`)
      else {
        assert.ok(typeof got === 'object' && got.code === INVALID_ARGUMENT, `${where}: SetRule ${JSON.stringify(got)}`)
        const field = kind === 'metric' ? 'capture.metric' : `selector.${kind}`
        assert.match((got as { details: string }).details, new RegExp(`rule\\.${field.replace('.', '\\.')}`), where)
      }
      seen.push(patternOk ? 'gRPC ok' : 'gRPC INVALID_ARGUMENT')
    }

    // ctl: a bad name is a usage error (exit 2) with a message, before any request.
    if (!absent) {
      const args =
        kind === 'metric'
          ? ['capture', 'start', 'svc=fzsvc', `metric=${value}`, '--ttl', '1m', '--wait', '1ms']
          : ['set-level', `svc=${kind === 'service' ? value : 'fzsvc'}`, 'debug', '--wait', '1ms'].concat(
              kind === 'instance' ? [`inst=${value}`] : kind === 'logger' ? [`logger=${value}`] : [],
            )
      const run = await ctlRun(...args)
      assert.equal(run.code === USAGE, !patternOk, `${where}: ctl exit ${run.code}: ${run.text.slice(0, 200)}`)
      if (!patternOk) assert.ok(run.text.length > 0, `${where}: ctl says why`)
      seen.push(`ctl exit ${run.code}`)
    }
    table.push(`${where.padEnd(30)} ${seen.join(', ')}`)
  }

  assert.deepEqual(
    warnings.filter((w) => /internal error/i.test(w)),
    [],
  )
  console.log(`hostile names: ${CASES.length} cases\n  ${table.join('\n  ')}`)
})

test('hostile names - a KV key no service may have is skipped: ListServices lists valid services only and answers', async (t) => {
  const nats = await startTestNats(t)
  const warnings: string[] = []
  const cp = await startControlPlane({ nats: nats.url, grpc: '127.0.0.1:0', onWarning: (m) => warnings.push(m) })
  t.after(() => cp.close())
  const client = controlPlaneClient(cp.grpcAddress, t)
  await client.setRule({ rule: { selector: { service: 'fzsvc', logger: 'db' }, level: 'debug' }, waitMs: 1 })
  // Anyone with KV access can write a key no service may have.
  const raw = await connect({ servers: nats.url })
  t.after(() => raw.close())
  const kv = await raw.jetstream().views.kv(DESIRED_STATE_BUCKET)
  for (const key of ['a.b', 'a/b', 'a=b', 'checkout.x', 'x'.repeat(300)]) await kv.put(key, new Uint8Array([1, 2]))
  await eventually(() => warnings.some((w) => /capture feed/.test(w)), 3_000, 'the bad keys reported')
  const services = await client.listServices({})
  assert.deepEqual(
    (services?.services ?? []).map((s) => s.service),
    ['fzsvc'],
  )
  assert.deepEqual(
    warnings.filter((w) => /internal error/i.test(w)),
    [],
  )
})
