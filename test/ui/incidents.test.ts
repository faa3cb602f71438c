import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { launchBrowser, type TestBrowser } from '../helpers/browser.js'
import { eventually, type TestInstance } from '../helpers/fleet.js'
import { ensureUiBuilt, startUiFleet, type UiFleet } from './ui-fleet.js'

// One fleet and one browser for the file: starting Chromium is the slow part.
let fleet: UiFleet
let browser: TestBrowser
const servers: Server[] = []
let app: string
let readiness: string
let c1: TestInstance
let c2: TestInstance

async function listen(server: Server): Promise<string> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

before(async () => {
  ensureUiBuilt()
  fleet = await startUiFleet({
    checkout: ['checkout-1', 'checkout-2'],
    sdk: { asserts: 'log', incidents: { spoolDir: false } },
  })
  browser = await launchBrowser()
  ;[c1, c2] = fleet.instances as [TestInstance, TestInstance]
  // The service's own code: a request that logs at debug, then fails an invariant.
  const cart = c1.pb.logger('cart')
  app = await listen(
    createServer(
      c1.pb.httpHandler((req, res) => {
        c1.pb.setContext({ user: String(req.headers['x-user-id'] ?? '') })
        cart.debug({ step: 1 }, 'cart loaded')
        cart.debug({ step: 2, total: -3 }, 'total computed')
        c1.pb.assert(false, 'cart total is not negative', { total: -3 })
        res.end('done')
      }),
    ),
  )
  readiness = await listen(createServer(c2.pb.readinessHandler()))
  for (const i of [c1, c2]) i.pb.check('db-ping', () => true, { every: '1h' })
})
after(async () => {
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()))
  await browser?.close()
  await fleet?.close()
})

async function open(url: string, options?: Parameters<TestBrowser['page']>[0]): Promise<Page> {
  const page = await browser.page(options)
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  ;(page as Page & { errors?: string[] }).errors = errors
  await page.goto(url)
  await page.locator('main h1').first().waitFor()
  return page
}
const errorsOf = (page: Page) => (page as Page & { errors?: string[] }).errors ?? []
const api = async <T>(path: string, init?: RequestInit): Promise<T> =>
  (await fetch(new URL(path, fleet.baseUrl), init)).json() as Promise<T>

interface Listed {
  incidents: Array<{ id: string; title: string; link: string; count: number; status: string; ackedBy?: string }>
}

test("ui incident - a failing assert in a request opens an incident whose link shows its title, count and the request's debug records; ack from the page", async (t) => {
  // Debug lines are kept in the flight recorder (not written) by a record rule.
  await api('api/v1/services/checkout/rules', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rule: { record: { level: 'debug' } }, waitMs: 5_000 }),
  })
  assert.equal(c1.linesOf('cart', 20).length, 0)
  assert.equal(await (await fetch(`${app}/cart/7`, { headers: { 'x-user-id': '42' } })).text(), 'done')
  let incident: Listed['incidents'][number] | undefined
  await eventually(
    async () => {
      incident = (await api<Listed>('api/v1/incidents?service=checkout')).incidents.find((i) =>
        i.title.includes('cart total is not negative'),
      )
      return incident !== undefined
    },
    15_000,
    'the incident stored',
  )
  const { id, link } = incident as NonNullable<typeof incident>
  assert.equal(new URL(link).host, new URL(fleet.baseUrl).host, 'the alert link points at this admin UI')
  assert.equal(new URL(link).hash, `#/incidents/${id}`)

  const page = await open(link)
  await page.locator('[data-testid="incident-title"]', { hasText: 'cart total is not negative' }).waitFor()
  await page.locator('[data-testid="records"] tbody tr').first().waitFor()
  // performance.now() in the page counts from the start of its navigation: a figure, not an assertion.
  t.diagnostic(
    `incident page: title and records on the page ${Math.round(await page.evaluate(() => performance.now()))} ms after navigation start`,
  )
  assert.match((await page.locator('[data-testid="incident-count"]').textContent()) ?? '', /^1 occurrence$/)
  assert.equal(await page.locator('[data-testid="incident-status"]').textContent(), 'open')
  assert.match((await page.locator('[data-testid="incident-facts"]').textContent()) ?? '', /in checkout on checkout-1/)
  const records = page.locator('[data-testid="records"] tbody tr[data-level]')
  const texts = await records.allTextContents()
  const loaded = texts.findIndex((t) => t.includes('cart loaded'))
  const computed = texts.findIndex((t) => t.includes('total computed'))
  assert.ok(loaded >= 0 && computed > loaded, `the request's debug records, in order: ${texts.slice(0, 4).join(' | ')}`)
  assert.equal(await records.nth(loaded).getAttribute('data-level'), 'debug')
  assert.match((await page.locator('[data-testid="incident-context"]').textContent()) ?? '', /user\s*42/)
  assert.match((await page.locator('[data-testid="incident-stack"]').textContent()) ?? '', /AssertionFailedError/)
  // A record's JSON is one keyboard press away.
  await records.nth(loaded).getByRole('button').press('Enter')
  assert.match((await page.locator('tr.record-json pre').first().textContent()) ?? '', /"step": 1/)

  await page.locator('#incident-reason').fill('on it (ui test)')
  await page.getByRole('button', { name: 'Acknowledge' }).click()
  await page.locator('[data-testid="incident-status"]', { hasText: 'acked' }).waitFor({ timeout: 10_000 })
  const stored = (await api<Listed>('api/v1/incidents?status=acked')).incidents.find((i) => i.id === id)
  assert.match(stored?.ackedBy ?? '', /on it \(ui test\)/)

  // A second occurrence shows on the open page, live.
  await (await fetch(`${app}/cart/7`)).text()
  await page.locator('[data-testid="incident-count"]', { hasText: /^2 occurrences$/ }).waitFor({ timeout: 15_000 })

  // The list has it, newest first, with its status.
  await page.goto(`${fleet.baseUrl}#/incidents?service=checkout`)
  const row = page.locator(`tr[data-incident="${id}"]`)
  await row.waitFor()
  assert.equal(await row.getAttribute('data-status'), 'acked')
  assert.deepEqual(errorsOf(page), [])
  await page.close()
})

test('ui checks - the checks page lists a check on every instance, and run-now shows each instance result', async () => {
  const page = await open(`${fleet.baseUrl}#/services/checkout/checks`)
  const rows = page.locator('section[data-check="db-ping"] tbody tr')
  await eventually(async () => (await rows.count()) === 2, 10_000, 'db-ping on both instances')
  await page.getByRole('button', { name: 'Run db-ping now' }).click()
  const results = page.locator('[data-testid="check-run"] li')
  await eventually(async () => (await results.count()) === 2, 15_000, 'two results')
  assert.deepEqual(
    await results.evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-instance'), li.getAttribute('data-ok')])),
    [
      ['checkout-1', 'true'],
      ['checkout-2', 'true'],
    ],
  )
  // The heartbeats then report the run (a request, not the schedule).
  await page
    .locator('section[data-check="db-ping"] tbody tr', { hasText: '(run now)' })
    .first()
    .waitFor({ timeout: 10_000 })
  assert.deepEqual(errorsOf(page), [])
  await page.close()
})

test('ui quarantine - from the service page it fails the instance readiness (503) and marks it; release from the fleet page', async () => {
  assert.equal((await fetch(readiness)).status, 200)
  const page = await open(`${fleet.baseUrl}#/services/checkout`)
  await page.getByRole('button', { name: 'Quarantine checkout-2' }).click()
  const form = page.getByRole('form', { name: 'Quarantine checkout-2' })
  await form.getByLabel('Reason').fill('leaking memory (ui test)')
  await form.getByRole('button', { name: 'Confirm quarantine' }).click()
  await eventually(async () => (await fetch(readiness)).status === 503, 10_000, 'readiness failing')
  const row = page.locator('table.instances tr[data-instance="checkout-2"]')
  await row.locator('.badge-quarantined').waitFor({ timeout: 10_000 })
  assert.match((await row.textContent()) ?? '', /leaking memory \(ui test\)/)
  assert.equal(await page.locator('table.instances tr[data-instance="checkout-1"] .badge-quarantined').count(), 0)

  await page.goto(fleet.baseUrl)
  const fleetRow = page.locator('#instances-table tr[data-instance="checkout-2"]')
  await fleetRow.locator('.badge-quarantined').waitFor({ timeout: 10_000 })
  await fleetRow.getByRole('button', { name: 'Release checkout-2' }).click()
  await fleetRow.getByRole('button', { name: 'Confirm release' }).click()
  await eventually(async () => (await fetch(readiness)).status === 200, 10_000, 'readiness back')
  await fleetRow.locator('.badge-quarantined').waitFor({ state: 'detached', timeout: 10_000 })
  assert.deepEqual(errorsOf(page), [])
  await page.close()
})
