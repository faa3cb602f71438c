import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import { codecs } from '@prodbench/proto'
import { subjects } from '@prodbench/sdk/core'
import { eventually } from '../../test/helpers/eventually.js'
import type { ControlPlane } from '../src/index.js'
import { startSmtpReceiver, startWebhookReceiver } from './fixtures/alert-receivers.js'
import { startIncidentInstance } from './fixtures/incident-instance.js'
import { connectIncidentsClient, type IncidentsClient } from './fixtures/incidents-client.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

const PUBLIC_URL = 'https://prodbench.example.com'

function incidentsOf(t: TestContext, cp: ControlPlane): IncidentsClient {
  const client = connectIncidentsClient(cp.grpcAddress)
  t.after(() => client.close())
  return client
}

/** Waits until every alert queued so far was delivered or given up. */
function alertsSettled(cp: ControlPlane) {
  return eventually(() => cp.stats().incidents.alerts.pending === 0, 10_000, 'alerts delivered')
}

test('incidents - 1,000 identical reports are one incident with count 1,000 and one alert with the link', async (t) => {
  const webhook = await startWebhookReceiver(t)
  const smtp = await startSmtpReceiver(t)
  const { nats, cp } = await startTestControlPlane(t, {
    publicUrl: PUBLIC_URL,
    alerts: { webhooks: [webhook.url], smtp: smtp.url, emailTo: ['oncall@example.com'], emailFrom: 'pb@example.com' },
  })
  const web1 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  const records = [JSON.stringify({ level: 20, time: 1, msg: 'SELECT 1', reqId: 'r-1' })]
  web1.report({
    records,
    context: { route: '/checkout' },
    error: { type: 'TypeError', message: 'boom', stack: 'TypeError: boom\n    at pay (pay.ts:1:1)' },
  })
  for (let n = 1; n < 1_000; n++) web1.report({ at: Date.now(), lastAt: Date.now() })
  await web1.flush()
  const client = incidentsOf(t, cp)
  await eventually(
    async () => (await client.listIncidents({ service: 'checkout' })).incidents?.[0]?.count === 1_000,
    20_000,
    'count 1000',
  )
  const { incidents = [] } = await client.listIncidents({})
  assert.equal(incidents.length, 1, 'one incident')
  const [incident] = incidents
  assert.equal(incident?.status, 'open')
  assert.deepEqual(incident?.instances, ['web1'])
  assert.equal(incident?.first, undefined, 'lists carry no first report')
  const id = incident?.id as string
  assert.match(id, /^checkout-[0-9a-f]{12}-1$/)
  const full = await client.getIncident({ id })
  assert.deepEqual(full.first?.records, records)
  assert.deepEqual(full.first?.context, { route: '/checkout' })
  assert.equal(full.first?.error?.stack, 'TypeError: boom\n    at pay (pay.ts:1:1)')

  await alertsSettled(cp)
  const link = `${PUBLIC_URL}/#/incidents/${id}`
  assert.equal(webhook.received.length, 1, 'one webhook alert')
  assert.equal(webhook.received[0]?.type, 'new')
  assert.equal(webhook.received[0]?.link, link)
  assert.equal(webhook.received[0]?.incident.id, id)
  assert.equal(smtp.received.length, 1, 'one email')
  assert.deepEqual(smtp.received[0]?.to, ['oncall@example.com'])
  assert.match(smtp.received[0]?.subject ?? '', /checkout: TypeError: boom/)
  assert.ok(smtp.received[0]?.raw.includes(link), 'the email carries the link')
  const stats = cp.stats().incidents
  assert.equal(stats.ingest.reports, 1_000)
  assert.equal(stats.ingest.opened, 1)
  assert.deepEqual(stats.alerts.alerts, { new: 1, digest: 0 })
  assert.equal(stats.alerts.delivered, 2)
})

test('incidents - a repeat after the first alert gets one digest with the new occurrences', async (t) => {
  const webhook = await startWebhookReceiver(t)
  const { nats, cp } = await startTestControlPlane(t, { alerts: { webhooks: [webhook.url], digestMs: 200 } })
  const web1 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  await web1.reportAndWait()
  await eventually(() => webhook.received.length === 1, 5_000, 'the new alert')
  // A count-only update, as the SDK folds repeats.
  await web1.reportAndWait({ repeat: true, count: 41 })
  await eventually(() => webhook.received.length === 2, 5_000, 'the digest')
  const digest = webhook.received[1]
  assert.equal(digest?.type, 'digest')
  assert.equal(digest?.newOccurrences, 41)
  assert.equal(digest?.incident.count, 42)
  assert.match(digest?.text ?? '', /41 occurrences more, 42 in all/)
  // The default link: the HTTP UI address (no --public-url, no HTTP server here).
  assert.equal(digest?.link, `http://127.0.0.1:7421/#/incidents/${digest?.incident.id}`)
  const client = incidentsOf(t, cp)
  const stored = await client.getIncident({ id: digest?.incident.id ?? '' })
  assert.equal(stored.alertsSent, 2)
  assert.equal(stored.alertedCount, 42)
})

test('incidents - two control planes on one NATS make one incident and send one alert', async (t) => {
  const webhook = await startWebhookReceiver(t)
  const first = await startTestControlPlane(t, { alerts: { webhooks: [webhook.url] } })
  const second = await startTestControlPlane(t, { nats: first.nats, alerts: { webhooks: [webhook.url] } })
  const web1 = await startIncidentInstance(first.nats.url, { service: 'checkout', instance: 'web1' })
  const web2 = await startIncidentInstance(first.nats.url, { service: 'checkout', instance: 'web2' })
  t.after(() => web1.close())
  t.after(() => web2.close())
  for (let n = 0; n < 500; n++) {
    web1.report()
    web2.report()
  }
  await Promise.all([web1.flush(), web2.flush()])
  for (const { cp } of [first, second]) {
    const client = incidentsOf(t, cp)
    await eventually(
      async () => (await client.listIncidents({})).incidents?.[0]?.count === 1_000,
      20_000,
      'count 1000 on every replica',
    )
    const { incidents = [] } = await client.listIncidents({})
    assert.equal(incidents.length, 1)
    assert.deepEqual([...(incidents[0]?.instances ?? [])].sort(), ['web1', 'web2'])
  }
  await alertsSettled(first.cp)
  await alertsSettled(second.cp)
  const ingest = [first.cp, second.cp].map((cp) => cp.stats().incidents.ingest)
  assert.equal((ingest[0]?.opened ?? 0) + (ingest[1]?.opened ?? 0), 1, 'created once')
  assert.equal((ingest[0]?.reports ?? 0) + (ingest[1]?.reports ?? 0), 1_000, 'each report reached one replica')
  assert.equal(webhook.received.length, 1, 'one alert')
})

test('incidents - a closed incident does not absorb its error again: the next report opens a new one', async (t) => {
  const webhook = await startWebhookReceiver(t)
  const { nats, cp } = await startTestControlPlane(t, { alerts: { webhooks: [webhook.url] } })
  const web1 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  const client = incidentsOf(t, cp)
  await web1.reportAndWait()
  const [open] = (await client.listIncidents({})).incidents ?? []
  const closed = await client.updateIncident({ id: open?.id ?? '', action: 'close' }, 'ann@laptop')
  assert.equal(closed.status, 'closed')
  assert.equal(closed.closedBy, 'ann@laptop')
  await web1.reportAndWait({ count: 3 })
  const { incidents = [] } = await client.listIncidents({})
  assert.equal(incidents.length, 2)
  const reopened = incidents.find((i) => i.id !== open?.id)
  assert.equal(reopened?.id, open?.id?.replace(/-1$/, '-2'), 'the next generation of the same error')
  assert.equal(reopened?.count, 3)
  assert.equal(reopened?.status, 'open')
  assert.equal((await client.getIncident({ id: open?.id ?? '' })).count, 1, 'the closed one is left as it was')
  await alertsSettled(cp)
  assert.deepEqual(
    webhook.received.map((a) => [a.type, a.incident.id]),
    [
      ['new', open?.id],
      ['new', reopened?.id],
    ],
  )
})

test('incidents - malformed reports are refused, counted by reason, and answered', async (t) => {
  const { nats, cp } = await startTestControlPlane(t)
  const web1 = await startIncidentInstance(nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  const subject = subjects.incident('checkout', 'web1')
  const identity = { service: 'checkout', instance: 'web1' }
  const send = (data: Uint8Array) => web1.connection.request(subject, data, { timeout: 5_000 })
  await send(new Uint8Array([0xff, 0xff, 0xff]))
  await send(
    codecs.incidentReport.encode({
      identity: { service: 'checkout', instance: 'web2' },
      kind: 'assert',
      fingerprint: 'a',
    }),
  )
  await send(codecs.incidentReport.encode({ identity, kind: 'oops', fingerprint: 'a' }))
  await send(codecs.incidentReport.encode({ identity, kind: 'assert', fingerprint: '' }))
  await send(codecs.incidentReport.encode({ identity, kind: 'assert', fingerprint: 'a', repeat: true }))
  await send(
    codecs.incidentReport.encode({ identity, kind: 'assert', fingerprint: 'a', at: Date.now() + 7 * 86_400_000 }),
  )
  const ingest = cp.stats().incidents.ingest
  assert.equal(ingest.rejected, 6)
  assert.deepEqual(ingest.rejectedByReason, { subject: 0, protobuf: 1, identity: 1, fields: 4, limit: 0 })
  assert.match(ingest.lastRejection ?? '', /future/)
  assert.equal(cp.stats().incidents.store.incidents, 0, 'nothing stored')
})

test('incidents - a control plane started later knows every stored incident and goes on counting', async (t) => {
  const first = await startTestControlPlane(t)
  const web1 = await startIncidentInstance(first.nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  await web1.reportAndWait({ fingerprint: 'a', count: 5 })
  await web1.reportAndWait({ fingerprint: 'b' })
  const old = incidentsOf(t, first.cp)
  const closing = (await old.listIncidents({})).incidents?.find((i) => i.fingerprint === 'b')
  await old.updateIncident({ id: closing?.id ?? '', action: 'close' })
  await first.cp.close()

  const later = await startTestControlPlane(t, { nats: first.nats })
  const client = incidentsOf(t, later.cp)
  // Read from the stream before it started taking reports: no wait needed.
  const known = (await client.listIncidents({})).incidents ?? []
  assert.deepEqual(known.map((i) => [i.fingerprint, i.status, i.count]).sort(), [
    ['a', 'open', 5],
    ['b', 'closed', 1],
  ])
  await web1.reportAndWait({ fingerprint: 'a', count: 2 })
  await web1.reportAndWait({ fingerprint: 'b' })
  const after = (await client.listIncidents({})).incidents ?? []
  assert.equal(after.find((i) => i.fingerprint === 'a')?.count, 7, 'added to the open one')
  assert.deepEqual(
    after
      .filter((i) => i.fingerprint === 'b')
      .map((i) => [i.id?.slice(-2), i.status])
      .sort(),
    [
      ['-1', 'closed'],
      ['-2', 'open'],
    ],
  )
  assert.equal(later.cp.stats().incidents.ingest.opened, 1)
})

test('incidents - after a NATS restart, reports are stored again and every replica follows the stream', async (t) => {
  const first = await startTestControlPlane(t)
  const second = await startTestControlPlane(t, { nats: first.nats })
  const web1 = await startIncidentInstance(first.nats.url, { service: 'checkout', instance: 'web1' })
  t.after(() => web1.close())
  await web1.reportAndWait({ fingerprint: 'before' })
  await first.nats.restart()
  // The SDK resends what was not answered; so does this loop, until a control plane answers again.
  await eventually(
    () =>
      web1.reportAndWait({ fingerprint: 'after', count: 4 }, 1_000).then(
        () => true,
        () => false,
      ),
    20_000,
    'a report stored after the restart',
  )
  for (const { cp } of [first, second]) {
    const client = incidentsOf(t, cp)
    await eventually(
      async () => (await client.listIncidents({})).incidents?.some((i) => i.fingerprint === 'after') === true,
      20_000,
      'the new incident on every replica',
    )
    const before = (await client.listIncidents({})).incidents?.find((i) => i.fingerprint === 'before')
    assert.equal(before?.count, 1)
  }
})
