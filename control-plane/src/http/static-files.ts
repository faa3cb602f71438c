import { readFile, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where `npm run build:ui` writes the UI (control-plane/ui/dist). */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../ui/dist', import.meta.url))

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Headers of every UI response: no framing by other sites, no sniffing, and
 * a policy that lets the page load only its own scripts and talk only to
 * this origin.
 */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
} as const

/** Asset names the build writes: `name-HASH.ext` (hashed, so cached for good). */
const ASSET = /^[\w-]+\.(js|css|svg|png|map)$/

/**
 * Serves the built UI: `/` is index.html (never cached: it names the current
 * assets), `/assets/<name>-<hash>.<ext>` are cached for a year (their name
 * changes with their content). A gzip copy written by the build is sent to
 * clients that accept it. Without a build, `/` answers 503 with a page that
 * says how to build. Returns false when the path is not the UI's.
 */
export async function serveUi(
  uiDir: string,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<boolean> {
  if (path === '/' || path === '/index.html') {
    const index = join(uiDir, 'index.html')
    if (!(await isFile(index))) {
      send(response, request, 503, 'text/html; charset=utf-8', Buffer.from(NOT_BUILT), { 'cache-control': 'no-store' })
      return true
    }
    await sendFile(request, response, index, 'no-cache')
    return true
  }
  const asset = path.startsWith('/assets/') ? path.slice('/assets/'.length) : undefined
  if (asset !== undefined && ASSET.test(asset)) {
    const file = join(uiDir, 'assets', asset)
    if (!(await isFile(file))) return false
    await sendFile(request, response, file, 'public, max-age=31536000, immutable')
    return true
  }
  return false
}

async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  cache: string,
): Promise<void> {
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && (await isFile(`${file}.gz`))
  const body = await readFile(gzip ? `${file}.gz` : file)
  send(response, request, 200, type, body, {
    'cache-control': cache,
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  })
}

function send(
  response: ServerResponse,
  request: IncomingMessage,
  status: number,
  type: string,
  body: Buffer,
  headers: Record<string, string>,
): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-type': type, 'content-length': body.length })
  response.end(request.method === 'HEAD' ? undefined : body)
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>prodbench — admin UI not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}
code{background:#8882;padding:.1em .3em;border-radius:3px}@media(prefers-color-scheme:dark){body{background:#111;color:#ddd}}</style>
</head><body>
<h1>The admin UI is not built</h1>
<p>The control plane serves the UI from <code>control-plane/ui/dist</code>, which is not there yet. Build it once:</p>
<pre><code>npm run build:ui</code></pre>
<p>then reload this page. The JSON API under <code>/api/v1/</code> works without it (see docs/ui.md).</p>
</body></html>
`
