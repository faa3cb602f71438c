/**
 * Regenerates docs/screenshots/*.png: the admin UI's main pages over a real
 * control plane, nats-server and SDK instances, in headless Chromium.
 *
 *   npm run screenshots
 */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser.js'
import { startUiFleet } from './ui-fleet.js'

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

await mkdir(OUT, { recursive: true })
const fleet = await startUiFleet({
  checkout: ['checkout-1', 'checkout-2', 'checkout-3'],
  others: { payments: ['payments-1', 'payments-2'], inventory: ['inventory-1'] },
})
const browser = await launchBrowser()
const base = fleet.baseUrl
const post = (path: string, body: unknown) =>
  fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
try {
  // Some state worth looking at: a debug rule, a sampling rule for one user, and a capture.
  await post('api/v1/services/checkout/rules', {
    rule: { selector: { logger: 'db' }, level: 'debug', ttlMs: 15 * 60_000, reason: 'slow checkout, INC-231' },
    author: 'ana@ops',
  })
  await post('api/v1/services/checkout/rules', {
    rule: {
      selector: { logger: 'payments', where: { user: '42' } },
      level: 'trace',
      ttlMs: 10 * 60_000,
      reason: 'user 42 reports double charges',
    },
    author: 'ben@support',
  })
  await post('api/v1/services/checkout/captures', {
    rule: {
      capture: { metric: 'http.server.duration', intervalMs: 1_000 },
      ttlMs: 5 * 60_000,
      reason: 'p99 regression?',
    },
    author: 'ana@ops',
  })
  await sleep(9_000)

  const shoot = async (
    name: string,
    hash: string,
    options: { width?: number; height?: number; dark?: boolean; ready?: (p: Page) => Promise<void> } = {},
  ) => {
    const page = await browser.page({
      width: options.width ?? 1280,
      height: options.height ?? 860,
      colorScheme: options.dark ? 'dark' : 'light',
    })
    await page.goto(`${base}${hash}`)
    await page.locator('main h1').first().waitFor()
    await options.ready?.(page)
    await sleep(600)
    await page.screenshot({ path: `${OUT}${name}.png`, fullPage: options.height === undefined })
    await page.close()
    process.stdout.write(`screenshots: ${name}.png\n`)
  }
  await shoot('fleet', '#/', { ready: (p) => p.locator('#instances-table tbody tr').first().waitFor() })
  await shoot('service', '#/services/checkout', { ready: (p) => p.locator('table.rules tbody tr').first().waitFor() })
  await shoot('histograms', '#/services/checkout/histograms?metric=http.server.duration&perInstance=1', {
    ready: async (p) => {
      await p.waitForSelector('[data-testid="percentile-chart"]:not([data-points="0"])')
    },
  })
  await shoot('service-dark', '#/services/checkout', {
    dark: true,
    ready: (p) => p.locator('table.rules tbody tr').first().waitFor(),
  })
  await shoot('service-phone', '#/services/checkout', {
    width: 390,
    height: 1600,
    ready: (p) => p.locator('table.rules tbody tr').first().waitFor(),
  })
  await shoot('tail', '#/services/checkout/tail?logger=db&level=debug&run=1', {
    ready: async (p) => {
      await p.locator('[data-testid="records"] tbody tr').nth(8).waitFor({ timeout: 15_000 })
    },
  })
} finally {
  await browser.close()
  await fleet.close()
}
