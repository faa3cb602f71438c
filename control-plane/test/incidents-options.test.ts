import assert from 'node:assert/strict'
import { test } from 'node:test'
import { connect } from 'nats'
import { incidentOptionsFrom } from '../src/cli/incident-flags.js'
import { InvalidOptionsError } from '../src/errors.js'
import { INCIDENT_STREAM } from '../src/incidents/index.js'
import { resolveOptions } from '../src/options.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

test('incident options - defaults: 30 days, 1 GiB, a quarter of the instances, digests every 10 minutes, no alerts', () => {
  const options = resolveOptions({})
  assert.deepEqual(options.incidents, {
    maxAgeMs: 30 * 86_400_000,
    maxBytes: 1024 ** 3,
    maxQuarantineFraction: 0.25,
    autoQuarantineTtlMs: 86_400_000,
  })
  assert.deepEqual(options.alerts, {
    webhooks: [],
    emailTo: [],
    emailFrom: 'prodbench@localhost',
    digestMs: 600_000,
    timeoutMs: 10_000,
    retries: 5,
  })
  assert.equal(options.publicUrl, undefined)
})

test('incident options - flags and environment variables become options; flags win', () => {
  const options = incidentOptionsFrom(
    {
      'alert-webhook': ['https://hooks.example.com/a', 'https://hooks.example.com/b'],
      'alert-digest-ms': '60000',
      'max-quarantine-fraction': '0.5',
      'incident-max-age': '7d',
      'incident-max-bytes': '512MiB',
    },
    {
      PRODBENCH_ALERT_WEBHOOKS: 'https://ignored.example.com',
      PRODBENCH_SMTP: 'smtp://mail.example.com:25',
      PRODBENCH_ALERT_EMAIL_TO: 'oncall@example.com, sre@example.com',
      PRODBENCH_PUBLIC_URL: 'https://prodbench.example.com',
    },
  )
  assert.deepEqual(options, {
    publicUrl: 'https://prodbench.example.com',
    alerts: {
      webhooks: ['https://hooks.example.com/a', 'https://hooks.example.com/b'],
      smtp: 'smtp://mail.example.com:25',
      emailTo: ['oncall@example.com', 'sre@example.com'],
      digestMs: 60_000,
    },
    incidents: { maxQuarantineFraction: 0.5, maxAgeMs: 7 * 86_400_000, maxBytes: 512 * 1024 ** 2 },
  })
  assert.doesNotThrow(() => resolveOptions(options as object))
})

test('incident options - bad values are refused naming the flag or the option', () => {
  assert.match(
    String(incidentOptionsFrom({ 'alert-digest-ms': '10m' }, {})),
    /--alert-digest-ms must be a whole number/,
  )
  assert.match(String(incidentOptionsFrom({ 'max-quarantine-fraction': '0' }, {})), /--max-quarantine-fraction/)
  assert.match(String(incidentOptionsFrom({ 'incident-max-age': 'soon' }, {})), /--incident-max-age/)
  assert.match(String(incidentOptionsFrom({ 'incident-max-bytes': '1TB' }, {})), /--incident-max-bytes/)
  const refused: Array<[object, RegExp]> = [
    [{ alerts: { smtp: 'smtp://mail:25' } }, /alerts\.emailTo: smtp needs at least one address/],
    [{ alerts: { emailTo: ['a@example.com'] } }, /alerts\.smtp: emailTo needs an smtp server/],
    [{ alerts: { webhooks: ['ftp://x'] } }, /alerts\.webhooks\.0: must be an http\(s\) URL/],
    [{ alerts: { smtp: 'http://mail:25', emailTo: ['a@example.com'] } }, /alerts\.smtp: must be smtp:\/\//],
    [{ alerts: { emailTo: ['nobody'], smtp: 'smtp://mail:25' } }, /alerts\.emailTo\.0: must be an email address/],
    [{ incidents: { maxQuarantineFraction: 1.5 } }, /incidents\.maxQuarantineFraction/],
    [{ publicUrl: 'prodbench.example.com' }, /publicUrl: must be an http\(s\) URL/],
  ]
  for (const [options, message] of refused) {
    assert.throws(
      () => resolveOptions(options),
      (err: unknown) => err instanceof InvalidOptionsError && message.test(err.message),
    )
  }
})

test('incident stream - created with the limits, which a later control plane with other options updates', async (t) => {
  const first = await startTestControlPlane(t)
  const nc = await connect({ servers: first.nats.url })
  t.after(() => nc.close())
  const jsm = await nc.jetstreamManager()
  const created = (await jsm.streams.info(INCIDENT_STREAM)).config
  assert.deepEqual(
    [created.subjects, created.max_msgs_per_subject, created.max_age, created.max_bytes, created.discard],
    [['pb.v1.incidents.>'], 1, 30 * 86_400_000 * 1e6, 1024 ** 3, 'old'],
  )
  await first.cp.close()
  await startTestControlPlane(t, {
    nats: first.nats,
    incidents: { maxAgeMs: 7 * 86_400_000, maxBytes: 64 * 1024 ** 2 },
  })
  const updated = (await jsm.streams.info(INCIDENT_STREAM)).config
  assert.deepEqual([updated.max_age, updated.max_bytes], [7 * 86_400_000 * 1e6, 64 * 1024 ** 2])
})
