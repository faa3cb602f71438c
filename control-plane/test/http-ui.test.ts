import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestContext, test } from 'node:test'
import { gzipSync } from 'node:zlib'
import { startTestControlPlane } from './fixtures/test-control-plane.js'

async function uiDir(t: TestContext, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-ui-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true })
    await writeFile(join(dir, name), text)
  }
  return dir
}

test('http ui - index.html is never cached, hashed assets are cached for good, with their content types and gzip', async (t) => {
  const dir = await uiDir(t, {
    'index.html': '<!doctype html><script type="module" src="assets/app-ABC123.js"></script>',
    'assets/app-ABC123.js': 'console.log("app")',
    'assets/app-DEF456.css': 'body{}',
  })
  await writeFile(join(dir, 'assets/app-ABC123.js.gz'), gzipSync('console.log("app")'))
  const { cp } = await startTestControlPlane(t, { http: '127.0.0.1:0', uiDir: dir })
  const base = `http://${cp.httpAddress}`

  const index = await fetch(`${base}/`)
  assert.equal(index.status, 200)
  assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8')
  assert.equal(index.headers.get('cache-control'), 'no-cache')
  assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/)
  assert.match(await index.text(), /app-ABC123\.js/)

  const script = await fetch(`${base}/assets/app-ABC123.js`, { headers: { 'accept-encoding': 'gzip' } })
  assert.equal(script.status, 200)
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8')
  assert.equal(script.headers.get('cache-control'), 'public, max-age=31536000, immutable')
  assert.equal(script.headers.get('content-encoding'), 'gzip')
  assert.equal(await script.text(), 'console.log("app")', 'fetch inflates the gzip copy')

  const style = await fetch(`${base}/assets/app-DEF456.css`)
  assert.equal(style.headers.get('content-type'), 'text/css; charset=utf-8')
  assert.equal(style.headers.get('content-encoding'), null)

  for (const path of ['/assets/..%2Findex.html', '/assets/../../package.json', '/assets/missing-1.js', '/other']) {
    const res = await fetch(`${base}${path}`)
    assert.equal(res.status, 404, path)
  }
})

test('http ui - without a build, the page says how to build it and the API still answers', async (t) => {
  const dir = await uiDir(t, {})
  const { cp } = await startTestControlPlane(t, { http: '127.0.0.1:0', uiDir: dir })
  const page = await fetch(`http://${cp.httpAddress}/`)
  assert.equal(page.status, 503)
  assert.match(await page.text(), /npm run build:ui/)
  const api = await fetch(`http://${cp.httpAddress}/api/v1/services`)
  assert.equal(api.status, 200)
  assert.deepEqual(((await api.json()) as { services: unknown[] }).services, [])
})

test('http ui - a taken port fails the start naming the address, unless falling back to a free port was asked', async (t) => {
  const first = await startTestControlPlane(t, { http: '127.0.0.1:0' })
  const taken = first.cp.httpAddress as string
  await assert.rejects(
    startTestControlPlane(t, { nats: first.nats, http: taken }),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'PB_HTTP_BIND')
      assert.match(err.message, new RegExp(`cannot listen for HTTP on ${taken.replace(/\./g, '\\.')}`))
      return true
    },
  )
  const second = await startTestControlPlane(t, { nats: first.nats, http: taken, httpFallbackToFreePort: true })
  assert.ok(second.cp.httpAddress)
  assert.notEqual(second.cp.httpAddress, taken)
})
