import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, test } from 'node:test'
import type { Page } from 'playwright-core'
import { launchBrowser, type TestBrowser } from '../helpers/browser.js'
import { eventually } from '../helpers/fleet.js'
import { ensureUiBuilt, startUiFleet, type UiFleet } from './ui-fleet.js'

// One fleet and one browser for the file: starting Chromium is the slow part.
let fleet: UiFleet
let browser: TestBrowser
before(async () => {
  ensureUiBuilt()
  fleet = await startUiFleet({ others: { payments: ['payments-1'] } })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await fleet?.close()
})

async function open(hash: string, options?: Parameters<TestBrowser['page']>[0]): Promise<Page> {
  const page = await browser.page(options)
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  await page.goto(`${fleet.baseUrl}${hash}`)
  await page.locator('main h1').first().waitFor()
  ;(page as Page & { errors?: string[] }).errors = errors
  return page
}

/** Waits until a chart holds `n` points (read from outside: the page's policy forbids evaluating strings). */
const chartPoints = (page: Page, testId: string, n: number) =>
  eventually(
    async () => Number(await page.locator(`[data-testid="${testId}"]`).getAttribute('data-points')) >= n,
    20_000,
    `${n} points in ${testId}`,
  )
const errorsOf = (page: Page) => (page as Page & { errors?: string[] }).errors ?? []
const post = (path: string, body: unknown) =>
  fetch(new URL(path, fleet.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<{ rules: Array<{ id: string }> }>)

test('ui fleet - the fleet page lists every live instance, and the search narrows them', async () => {
  const page = await open('#/')
  const rows = page.locator('#instances-table tbody tr')
  await eventually(async () => (await rows.count()) === 4, 10_000, 'four instance rows')
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-instance')))
  assert.deepEqual(ids, ['checkout-1', 'checkout-2', 'checkout-3', 'payments-1'])
  assert.match(
    (await page.locator('[data-testid="fleet-summary"]').textContent()) ?? '',
    /2 services · 4 live instances/,
  )
  assert.equal(await page.locator('a', { hasText: 'checkout' }).first().getAttribute('href'), '#/services/checkout')

  await page.getByRole('searchbox', { name: 'Search instances' }).fill('payments')
  await eventually(async () => (await rows.count()) === 1, 5_000, 'one row left')
  assert.equal(await rows.first().getAttribute('data-instance'), 'payments-1')
  assert.match(page.url(), /#\/\?q=payments$/, 'the search is in the URL, so it can be shared')
  assert.deepEqual(errorsOf(page), [])
  await page.close()
})

test('ui service - debug on db with a TTL from the form is confirmed by every instance, live', async () => {
  const page = await open('#/services/checkout')
  await page.locator('#f-logger').fill('db')
  await page.locator('#f-level').selectOption('debug')
  await page.locator('#f-ttl').fill('2m')
  await page.locator('#f-reason').fill('slow queries (ui test)')
  await page.locator('#f-author').fill('tester')
  await page.getByRole('button', { name: 'Apply rule' }).click()

  await page
    .locator('[data-testid="rollout-summary"]', { hasText: /applied on 3\/3 instances/ })
    .waitFor({ timeout: 15_000 })
  const states = await page
    .locator('[data-testid="rollout"] .chip')
    .evaluateAll((chips) => chips.map((c) => c.getAttribute('data-state')))
  assert.deepEqual(states, ['applied', 'applied', 'applied'])
  for (const instance of fleet.instances.filter((i) => i.pb.status().service === 'checkout')) {
    const db = instance.pb.status().loggers.find((l) => l.logger === 'db')
    assert.equal(db?.level, 'debug', 'the instance itself runs db at debug')
  }
  // The levels table shows the provenance; the rules table the author, reason and countdown.
  const dbRow = page.locator('tr[data-logger="db"]')
  await dbRow.filter({ hasText: 'debug' }).waitFor({ timeout: 10_000 })
  assert.match((await dbRow.textContent()) ?? '', /all 3.*r-[0-9a-f]{10} by tester/)
  const rule = page.locator('table.rules tbody tr', { hasText: 'slow queries (ui test)' })
  assert.match((await rule.textContent()) ?? '', /level debug.*logger db.*tester.*[12]:\d\d/)
  assert.deepEqual(errorsOf(page), [])
  await page.close()
})

test('ui service - the form names a bad field before sending anything', async () => {
  const page = await open('#/services/checkout')
  const posts: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url())
  })
  await page.locator('#f-ttl').fill('soon')
  await page.locator('#f-where').fill('user42')
  await page.getByRole('button', { name: 'Apply rule' }).click()
  await page.locator('#f-ttl-error').waitFor()
  assert.match((await page.locator('#f-ttl-error').textContent()) ?? '', /duration/)
  assert.equal(await page.locator('#f-ttl').getAttribute('aria-invalid'), 'true')
  assert.match((await page.locator('#f-where-error').textContent()) ?? '', /not name=value/)

  // The core schema's own check, bundled into the page: a sampling rate above 1.
  await page.locator('#f-ttl').fill('5m')
  await page.locator('#f-where').fill('')
  await page.getByLabel('Sampling').check()
  await page.locator('#f-rate').fill('1.5')
  await page.getByRole('button', { name: 'Apply rule' }).click()
  await page.locator('#f-rate-error').waitFor()
  assert.match((await page.locator('#f-rate-error').textContent()) ?? '', /at most 1/)
  assert.deepEqual(posts, [], 'nothing was sent')
  await page.close()
})

test('ui links - a rule link opens the service with that rule marked, it can be removed there; a dead incident link says so', async () => {
  const { rules } = await post('api/v1/services/checkout/rules', {
    rule: { selector: { logger: 'payments' }, level: 'trace', ttlMs: 600_000, reason: 'deep link' },
  })
  const id = rules[0]?.id as string
  const page = await open(`#/services/checkout/rules/${id}`, { width: 390, height: 800 })
  const row = page.locator(`#rule-${id}`)
  await row.waitFor()
  assert.equal(await row.getAttribute('aria-current'), 'true')
  assert.ok(await row.isVisible())
  assert.equal(await page.locator('.tabs a[aria-current="page"]').textContent(), 'Rules & levels')

  await row.getByRole('button', { name: `Remove rule ${id}` }).click()
  await row.getByRole('button', { name: 'Confirm remove' }).click()
  await page.locator('[data-testid="rollout"]', { hasText: `Removed ${id}` }).waitFor({ timeout: 10_000 })
  await row.waitFor({ state: 'detached', timeout: 10_000 })
  await page.locator('[data-testid="rollout-summary"]', { hasText: /applied on 3\/3/ }).waitFor({ timeout: 10_000 })

  // A link to a rule that is gone says so.
  await page.goto(`${fleet.baseUrl}#/services/checkout/rules/r-0000000000`)
  await page.locator('.notice', { hasText: 'is not in force' }).waitFor()

  // An alert link (<publicUrl>/#/incidents/<id>) to an incident the stream no longer holds says so.
  await page.goto(`${fleet.baseUrl}#/incidents/checkout-0123456789ab-1`)
  await page.locator('main [role="alert"]', { hasText: 'PB_INCIDENT_NOT_FOUND' }).waitFor()
  await page.goto(`${fleet.baseUrl}#/incidents/inc-7f3a`)
  await page.locator('main [role="alert"]', { hasText: 'not an incident id' }).waitFor()
  await page.close()
})

test('ui histograms - a capture started from the page draws merged percentiles, per instance, and downloads as .hlog', async () => {
  const page = await open('#/services/checkout/histograms?metric=db.query.duration')
  await page.getByRole('button', { name: 'Start capture' }).click()
  await page.locator('[data-testid="capture-line"]').waitFor({ timeout: 10_000 })
  await chartPoints(page, 'percentile-chart', 2)
  assert.equal(await page.locator('[data-testid="percentile-chart"] canvas').count(), 1)
  const count = await page.locator('[data-testid="latest-window"] tr', { hasText: 'count' }).locator('td').textContent()
  assert.ok(Number((count ?? '0').replace(/,/g, '')) > 0, `the latest window counted values (${count})`)

  await page.getByLabel('Per instance').check()
  await page.locator('[data-testid="instance-chart"]').waitFor()
  await chartPoints(page, 'instance-chart', 1)
  // The points are counted as the data arrives; uPlot draws the legend of a new series after.
  const legendLocator = page.locator('[data-testid="instance-chart"] .u-legend')
  await legendLocator.filter({ hasText: 'checkout-3 p99' }).waitFor({ timeout: 10_000 })
  const legend = await legendLocator.textContent()
  assert.match(legend ?? '', /checkout-1 p99.*checkout-2 p99.*checkout-3 p99/)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download .hlog' }).click(),
  ])
  const text = await readFile((await download.path()) as string, 'utf8')
  assert.match(text, /#\[StartTime: /)
  assert.ok(
    text.split('\n').some((l) => l.startsWith('Tag=checkout-1,')),
    'one line per instance',
  )
  assert.deepEqual(errorsOf(page), [])
  await page.close()
})

test('ui tail - records of every instance stream in, pause holds them, copy gives JSON, leaving ends the tail', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(fleet.baseUrl).origin,
  })
  const page = await open('#/services/checkout/tail')
  await page.getByLabel('Logger').fill('http')
  await page.getByRole('button', { name: 'Start tail' }).click()
  await page.locator('[data-testid="tail-status"]', { hasText: /tailing \(r-/ }).waitFor({ timeout: 10_000 })
  const rows = page.locator('[data-testid="records"] tbody tr')
  await eventually(
    async () => new Set(await rows.locator('td:nth-child(3)').allTextContents()).size === 3,
    15_000,
    'records from the three instances',
  )
  assert.match((await rows.first().textContent()) ?? '', /info.*http.*request served.*route=\/checkout/)

  await page.getByRole('button', { name: 'Pause' }).click()
  const frozen = await rows.count()
  await page.getByRole('button', { name: /Resume \(\d+ new\)/ }).waitFor({ timeout: 10_000 })
  assert.equal(await rows.count(), frozen, 'nothing is added while paused')
  await page.getByRole('button', { name: /Resume/ }).click()
  await eventually(async () => (await rows.count()) > frozen, 5_000, 'the held records shown')

  await page.getByRole('button', { name: 'Copy as JSON' }).click()
  await page.getByText(/Copied \d+ records as JSON/).waitFor()
  const copied = JSON.parse(await page.evaluate('navigator.clipboard.readText()')) as Array<Record<string, unknown>>
  assert.ok(copied.length > 0)
  assert.equal(copied[0]?.logger, 'http')
  assert.ok(['checkout-1', 'checkout-2', 'checkout-3'].includes(copied[0]?.instance as string))

  // Leaving the page ends the tail: its rule goes.
  const tailRules = async () => {
    const { rules } = (await (await fetch(new URL('api/v1/services/checkout/rules', fleet.baseUrl))).json()) as {
      rules: Array<{ tail?: unknown }>
    }
    return rules.filter((r) => r.tail !== undefined).length
  }
  assert.equal(await tailRules(), 1)
  await page.close()
  await eventually(async () => (await tailRules()) === 0, 10_000, 'the tail rule removed')
})
