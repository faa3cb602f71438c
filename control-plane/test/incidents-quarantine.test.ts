import assert from 'node:assert/strict'
import { test } from 'node:test'
import { eventually } from '../../test/helpers/eventually.js'
import { AUTO_QUARANTINE_AUTHOR, quarantineCap } from '../src/incidents/index.js'
import { startIncidentInstance } from './fixtures/incident-instance.js'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

test('auto-quarantine - the cap is floor(live × fraction), at least 1, never every instance', () => {
  const cases: Array<[number, number, number]> = [
    [0, 0.25, 0],
    [1, 0.25, 0],
    [1, 1, 0],
    [2, 0.25, 1],
    [4, 0.25, 1],
    [7, 0.25, 1],
    [8, 0.25, 2],
    [10, 0.5, 5],
    [3, 1, 2],
  ]
  for (const [live, fraction, cap] of cases) assert.equal(quarantineCap(live, fraction), cap, `${live} × ${fraction}`)
})

test('auto-quarantine - a requested quarantine is written for the instance until the service is at its cap', async (t) => {
  const { nats, cp, client } = await startTestControlPlane(t, { incidents: { maxQuarantineFraction: 0.25 } })
  const fleet = await Promise.all(
    ['web1', 'web2', 'web3', 'web4'].map((instance) =>
      startIncidentInstance(nats.url, { service: 'checkout', instance }),
    ),
  )
  for (const fake of fleet) t.after(() => fake.close())
  const [web1, web2, web3] = fleet as [(typeof fleet)[0], (typeof fleet)[0], (typeof fleet)[0]]
  await eventually(async () => (await client.listInstances({ service: 'checkout' })).instances?.length === 4)

  await web1.reportAndWait({
    kind: 'uncaught',
    fingerprint: 'crash-1',
    title: 'RangeError: bad',
    quarantineRequested: true,
  })
  await eventually(() => cp.stats().incidents.autoQuarantine.quarantined === 1, 5_000, 'web1 quarantined')
  const { rules = [] } = await client.listRules({ service: 'checkout' })
  assert.equal(rules.length, 1)
  const rule = rules[0]
  assert.equal(rule?.selector?.instance, 'web1')
  assert.equal(rule?.author, AUTO_QUARANTINE_AUTHOR)
  assert.ok(rule?.quarantine, 'a quarantine rule')
  assert.match(rule?.reason ?? '', /^incident checkout-[0-9a-f]{12}-1: RangeError: bad$/)
  assert.ok((rule?.expiresAt ?? 0) > Date.now() + 23 * 3_600_000, 'expires after the default 24 h')

  // 4 live instances × 0.25 = 1: web2 must stay in traffic.
  await web2.reportAndWait({ kind: 'uncaught', fingerprint: 'crash-2', quarantineRequested: true })
  await eventually(() => cp.stats().incidents.autoQuarantine.capped === 1, 5_000, 'web2 refused')
  // Asking again for web1 writes nothing new.
  await web1.reportAndWait({ kind: 'uncaught', fingerprint: 'crash-1', quarantineRequested: true })
  await eventually(() => cp.stats().incidents.autoQuarantine.already === 1, 5_000, 'web1 already')
  // A report without the request never quarantines.
  await web3.reportAndWait({ kind: 'uncaught', fingerprint: 'crash-3' })
  assert.deepEqual(
    ((await client.listRules({ service: 'checkout' })).rules ?? []).map((r) => r.selector?.instance),
    ['web1'],
  )
  assert.deepEqual(cp.stats().incidents.autoQuarantine, { quarantined: 1, capped: 1, already: 1, notLive: 0 })
})

test('auto-quarantine - an instance its heartbeat reports quarantined counts toward the cap', async (t) => {
  const { nats, cp, client } = await startTestControlPlane(t, { incidents: { maxQuarantineFraction: 0.25 } })
  const since = Date.now()
  const web1 = await startIncidentInstance(nats.url, {
    service: 'checkout',
    instance: 'web1',
    quarantine: { active: true, ruleId: 'r-0123456789', reason: 'by hand', author: 'ann@laptop', since },
  })
  const others = await Promise.all(
    ['web2', 'web3', 'web4'].map((instance) => startIncidentInstance(nats.url, { service: 'checkout', instance })),
  )
  for (const fake of [web1, ...others]) t.after(() => fake.close())
  await eventually(async () => (await client.listInstances({ service: 'checkout' })).instances?.length === 4)
  // The quarantine from the heartbeat is shown in ListInstances, GetStatus and ListServices.
  const listed = (await client.listInstances({ service: 'checkout' })).instances ?? []
  assert.deepEqual(
    listed.map((i) => [i.identity?.instance, i.quarantine?.active ?? false]),
    [
      ['web1', true],
      ['web2', false],
      ['web3', false],
      ['web4', false],
    ],
  )
  assert.deepEqual(listed[0]?.quarantine, {
    active: true,
    ruleId: 'r-0123456789',
    reason: 'by hand',
    author: 'ann@laptop',
    since,
  })
  assert.equal((await client.getStatus({ service: 'checkout' })).instances?.[0]?.quarantine?.reason, 'by hand')
  assert.equal((await client.listServices({})).services?.[0]?.quarantined, 1)

  await others[0]?.reportAndWait({ kind: 'assert', fingerprint: 'x', quarantineRequested: true })
  await eventually(() => cp.stats().incidents.autoQuarantine.capped === 1, 5_000, 'refused: web1 fills the cap')
  assert.deepEqual((await client.listRules({ service: 'checkout' })).rules ?? [], [])
})
