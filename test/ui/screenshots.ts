/**
 * Regenerates docs/screenshots/*.png: the admin UI's main pages over a real
 * control plane, nats-server and SDK instances, in headless Chromium.
 *
 *   npm run screenshots
 */
import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
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
  sdk: { asserts: 'log', incidents: { spoolDir: false } },
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
  // Sanity checks (one instance's database is down), and an instance taken out of traffic.
  for (const [n, instance] of fleet.instances.filter((i) => i.pb.status().service === 'checkout').entries()) {
    instance.pb.check('db-ping', () => n !== 2, { every: '1h' })
    instance.pb.check('payments-api', () => new Promise((resolve) => setTimeout(() => resolve(true), 20 + n * 7)), {
      every: '1h',
    })
  }
  await post('api/v1/services/payments/instances/payments-2/quarantine', {
    reason: 'heap grows 40 MB/min, kept for a heap snapshot',
    author: 'ana@ops',
  })
  await post('api/v1/services/checkout/rules', {
    rule: { record: { level: 'debug' }, ttlMs: 60 * 60_000, reason: 'keep debug lines for incidents' },
    author: 'ana@ops',
  })
  await sleep(9_000)
  await post('api/v1/services/checkout/checks/db-ping/run', {})
  await post('api/v1/services/checkout/checks/payments-api/run', {})

  // The story: a request fails an invariant; the incident carries its records and the latency around it.
  const c1 = fleet.instances[0]
  if (!c1) throw new Error('no instance')
  const cart = c1.pb.logger('cart')
  const db = c1.pb.logger('db')
  const app = createServer(
    c1.pb.httpHandler((_req, res) => {
      c1.pb.setContext({ user: '42', tenant: 'acme' })
      cart.debug({ cartId: 'c-7731', items: 3 }, 'cart loaded')
      db.debug({ table: 'prices', rows: 3, ms: 4.2 }, 'query')
      cart.debug({ subtotal: 59.9, discount: 62.5 }, 'discount applied')
      c1.pb.assert(false, 'cart total is not negative', { cartId: 'c-7731', total: -2.6 })
      res.end('ok')
    }),
  )
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  for (let n = 0; n < 3; n++) await (await fetch(`${appUrl}/cart/c-7731`)).text()
  app.close()
  let incidentId = ''
  for (let tries = 0; tries < 50 && !incidentId; tries++) {
    await sleep(200)
    const { incidents } = (await (await fetch(new URL('api/v1/incidents', base))).json()) as {
      incidents: Array<{ id: string; count: number }>
    }
    incidentId = incidents.find((i) => i.count >= 3)?.id ?? ''
  }
  if (!incidentId) throw new Error('the incident did not arrive')
  await post('api/v1/services/checkout/incidents', {
    instance: 'checkout-2',
    title: 'payments slower than usual since the 14:00 deploy',
    reason: 'support ticket #4411',
    author: 'ben@support',
  })

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
  await shoot('incident', `#/incidents/${incidentId}`, {
    ready: (p) => p.locator('[data-testid="records"] tbody tr').first().waitFor(),
  })
  await shoot('incident-phone', `#/incidents/${incidentId}`, {
    width: 390,
    height: 1400,
    ready: (p) => p.locator('[data-testid="records"] tbody tr').first().waitFor(),
  })
  await shoot('incident-dark', `#/incidents/${incidentId}`, {
    dark: true,
    height: 1000,
    ready: (p) => p.locator('[data-testid="records"] tbody tr').first().waitFor(),
  })
  await shoot('incidents', '#/incidents', {
    ready: (p) => p.locator('[data-testid="incidents"] tbody tr').first().waitFor(),
  })
  await shoot('checks', '#/services/checkout/checks', {
    ready: async (p) => {
      await p.locator('section[data-check="db-ping"] tbody tr').first().waitFor()
      await p.getByRole('button', { name: 'Run db-ping now' }).click()
      await p.locator('[data-testid="check-run"] li').nth(2).waitFor()
    },
  })
  await shoot('audit', '#/audit', { ready: (p) => p.locator('[data-testid="audit"] tbody tr').first().waitFor() })
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
