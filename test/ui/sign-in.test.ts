import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { startControlPlane } from '../../control-plane/src/index.js'
import { launchBrowser } from '../helpers/browser.js'
import { startTestNats } from '../helpers/nats-server.js'
import { ensureUiBuilt } from './ui-fleet.js'

test('ui sign-in - with tokens required, a link asks for a token, then opens the page it named; the token is in no URL', async (t) => {
  ensureUiBuilt()
  const nats = await startTestNats(t)
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-ui-security-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const cp = await startControlPlane({
    nats: nats.url,
    grpc: '127.0.0.1:0',
    http: '127.0.0.1:0',
    security: { auth: 'tokens', dir },
    onWarning: () => {},
  })
  t.after(() => cp.close())
  const file = cp.security.adminToken?.file
  assert.ok(file, 'an admin token was written')
  const token = (await readFile(file, 'utf8')).trim()
  const browser = await launchBrowser(t)
  const page = await browser.page()
  const urls: string[] = []
  page.on('request', (r) => urls.push(r.url()))

  await page.goto(`http://${cp.httpAddress}/#/incidents`)
  await page.locator('main h1', { hasText: 'Sign in' }).waitFor()
  await page.getByLabel('API token').fill('pbt_not-a-token')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.locator('main [role="alert"]', { hasText: 'PB_UNAUTHENTICATED' }).waitFor()

  await page.getByLabel('API token').fill(token)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.locator('main h1', { hasText: 'Incidents' }).waitFor({ timeout: 10_000 })
  await page.locator('[data-testid="no-incidents"]').waitFor({ timeout: 10_000 })
  assert.ok(urls.length > 0)
  assert.ok(
    urls.every((url) => !url.includes(token)),
    'no request carried the token in its URL',
  )
  await page.close()
})
