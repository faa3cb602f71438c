import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { IncidentMessage } from '@prodbench/proto'
import { eventually } from '../../test/helpers/eventually.js'
import { type Alert, AlertDispatcher, alertEmail, alertPayload, webhookTarget } from '../src/alerts/index.js'
import { digestDue, markDigest } from '../src/incidents/incident-model.js'
import { startWebhookReceiver } from './fixtures/alert-receivers.js'

const incident: IncidentMessage = {
  id: 'checkout-0123456789ab-1',
  service: 'checkout',
  fingerprint: 'fp',
  kind: 'uncaught',
  title: 'TypeError: boom',
  status: 'open',
  firstAt: Date.UTC(2025, 2, 14, 2, 0),
  lastAt: Date.UTC(2025, 2, 14, 2, 1),
  count: 3,
  instances: ['web1', 'web2'],
  first: { error: { type: 'TypeError', message: 'boom', stack: 'TypeError: boom\n    at pay (pay.ts:3:7)' } },
}
const alert: Alert = { type: 'new', incident, link: 'https://pb.example.com/#/incidents/checkout-0123456789ab-1' }

test('alerts - the webhook body and the email name the incident and carry the link', () => {
  const payload = alertPayload(alert)
  assert.equal(payload.link, alert.link)
  assert.deepEqual(payload.incident.error, { type: 'TypeError', message: 'boom' })
  assert.equal(
    payload.text,
    '[checkout] new incident: TypeError: boom (3 occurrences on 2 instances) https://pb.example.com/#/incidents/checkout-0123456789ab-1',
  )
  const email = alertEmail({ ...alert, type: 'digest', newOccurrences: 2 })
  assert.equal(email.subject, '[prodbench] checkout: TypeError: boom (2 occurrences more)')
  assert.ok(email.text.includes(`Open it: ${alert.link}`))
  assert.ok(email.text.includes('    at pay (pay.ts:3:7)'), 'the top of the stack')
})

test('alerts - a failing webhook is retried with backoff; a permanent refusal is not', async (t) => {
  const flaky = await startWebhookReceiver(t, (n) => (n <= 2 ? 503 : 200))
  const refusing = await startWebhookReceiver(t, () => 404)
  const warnings: string[] = []
  const dispatcher = new AlertDispatcher({
    targets: [webhookTarget(flaky.url, 2_000), webhookTarget(refusing.url, 2_000)],
    backoffMs: 10,
    warn: (m) => warnings.push(m),
  })
  t.after(() => dispatcher.close())
  dispatcher.send(alert)
  await eventually(() => dispatcher.stats().pending === 0, 10_000, 'deliveries settled')
  assert.equal(flaky.requests, 3)
  assert.equal(flaky.received.length, 1)
  assert.equal(refusing.requests, 1, '404 is not retried')
  const stats = dispatcher.stats()
  assert.deepEqual([stats.delivered, stats.failed, stats.retried], [1, 1, 2])
  assert.match(stats.lastFailure ?? '', /answered 404/)
  // The token in the query string is not in messages.
  assert.ok(!warnings.join('\n').includes('secret'))
})

test('alerts - digests are due only for open incidents whose count grew, once per interval', () => {
  const sent = { ...incident, alertsSent: 1, alertedAt: 1_000, alertedCount: 3 }
  assert.equal(digestDue(sent, 1_000 + 600_000, 600_000), false, 'count did not grow')
  const grown = { ...sent, count: 5 }
  assert.equal(digestDue(grown, 1_000 + 599_999, 600_000), false, 'too soon')
  assert.equal(digestDue(grown, 1_000 + 600_000, 600_000), true)
  assert.equal(digestDue({ ...grown, status: 'acked' }, 1_000 + 600_000, 600_000), false, 'someone is on it')
  const after = markDigest(grown, 601_000) as IncidentMessage
  assert.deepEqual([after.alertsSent, after.alertedAt, after.alertedCount], [2, 601_000, 5])
  assert.equal(digestDue(after, 601_000 + 600_000, 600_000), false)
})
