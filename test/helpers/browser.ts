import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

/** Debian's Chromium (`apt-get install -y chromium`, done by .ci/ensure-deps.sh). */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Headless, no sandbox (root in CI), and nothing that talks to the network on its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A browser for one test: a fresh profile, removed on close. */
export interface TestBrowser {
  readonly context: BrowserContext
  /** A new tab with the given viewport and color scheme. */
  page(options?: { width?: number; height?: number; colorScheme?: 'light' | 'dark' }): Promise<Page>
  /** Closes the browser and removes its profile. Idempotent. */
  close(): Promise<void>
}

/**
 * Launches headless Chromium with a fresh temporary profile. With `t`, it is
 * closed when the test ends.
 * @throws when Chromium is not installed, saying how to install it
 */
export async function launchBrowser(t?: { after(fn: () => Promise<void>): void }): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: run bash .ci/ensure-deps.sh (apt-get install -y chromium)`,
    )
  }
  const profile = await mkdtemp(join(tmpdir(), 'prodbench-chromium-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    })
  } catch (err) {
    await rm(profile, { recursive: true, force: true })
    throw err
  }
  let closing: Promise<void> | undefined
  const browser: TestBrowser = {
    context,
    async page(options = {}) {
      const page = await context.newPage()
      await page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 900 })
      await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' })
      return page
    },
    close() {
      closing ??= (async () => {
        await context.close().catch(() => {})
        await rm(profile, { recursive: true, force: true })
      })()
      return closing
    },
  }
  t?.after(() => browser.close())
  return browser
}
