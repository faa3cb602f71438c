import assert from 'node:assert/strict'
import { test } from 'node:test'
import { launchBrowser } from '../helpers/browser.js'
import { ensureUiBuilt, startUiFleet } from './ui-fleet.js'

const SIZE = 200

/**
 * How long the pages take with 200 instances registered: printed as test
 * diagnostics (`# fleet page ...`), never asserted (timings belong in
 * benchmarks, not in tests). What is asserted: every instance is listed.
 */
test('ui fleet - with 200 instances registered, the fleet and service pages list them all', async (t) => {
  ensureUiBuilt()
  const ids = Array.from({ length: SIZE }, (_, n) => `checkout-${String(n + 1).padStart(3, '0')}`)
  // 200 SDKs in one process: their crash watches (one process listener each) are not what is measured.
  const fleet = await startUiFleet(
    {
      checkout: ids,
      heartbeatIntervalMs: 5_000,
      record: false,
      sdk: { incidents: { crashes: false, spoolDir: false } },
    },
    t,
  )
  const browser = await launchBrowser(t)

  for (const [name, hash, rows] of [
    ['fleet page', '#/', '#instances-table tbody tr'],
    ['service page', '#/services/checkout', 'table.instances tbody tr'],
  ] as const) {
    const page = await browser.page()
    await page.goto(`${fleet.baseUrl}${hash}`)
    // performance.now() counts from the start of the navigation: the first frame with every row.
    await page
      .locator(rows)
      .nth(SIZE - 1)
      .waitFor({ timeout: 30_000 })
    // performance.now() in the page counts from the start of its navigation.
    const shown = Math.round(await page.evaluate(() => performance.now()))
    const script = Math.round(
      await page.evaluate(() => performance.getEntriesByName('prodbench:script')[0]?.startTime ?? -1),
    )
    t.diagnostic(
      `${name} with ${SIZE} instances: script running ${script} ms and all ${SIZE} rows on the page by ${shown} ms ` +
        'after navigation start',
    )
    assert.equal(await page.locator(rows).count(), SIZE)
    await page.close()
  }
})
