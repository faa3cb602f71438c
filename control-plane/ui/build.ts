/**
 * Builds the admin UI: control-plane/ui/src → control-plane/ui/dist, served by
 * the control plane. One esbuild bundle (Preact + htm, uPlot, and the zod
 * schemas of @prodbench/sdk/core, so the forms check rules with the server's
 * own schema), content-hashed file names (cached for good by the browser), a
 * gzip copy of each, and index.html naming them.
 *
 *   npm run build:ui
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { analyzeMetafile, build, type Plugin } from 'esbuild'

const here = fileURLToPath(new URL('.', import.meta.url))
const dist = join(here, 'dist')
const assets = join(dist, 'assets')

/**
 * zod's `z` namespace re-exports every locale (~250 KB minified): keep
 * English only, the one the forms show.
 */
const englishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`)
        ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-en' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)}`,
      resolveDir: dirname(args.path),
    }))
  },
}

const started = performance.now()
await rm(dist, { recursive: true, force: true })
await mkdir(assets, { recursive: true })
const result = await build({
  entryPoints: { app: join(here, 'src/main.ts') },
  bundle: true,
  minify: !process.argv.includes('--no-minify'),
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  outdir: assets,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  splitting: true,
  assetNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [englishOnly],
})

if (process.argv.includes('--analyze')) process.stdout.write(await analyzeMetafile(result.metafile))
const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path))
const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint !== undefined)
const script = entry && basename(entry[0])
const style = entry?.[1].cssBundle && basename(entry[1].cssBundle)
if (!script) throw new Error('esbuild wrote no script')

let total = 0
for (const file of outputs) {
  const bytes = await readFile(join(assets, file))
  const gz = gzipSync(bytes, { level: 9 })
  await writeFile(join(assets, `${file}.gz`), gz)
  total += gz.length
}

// The chunks the entry imports at once are fetched in parallel with it, not after it.
const preload = (entry?.[1].imports ?? [])
  .filter((i) => i.kind === 'import-statement')
  .map((i) => `<link rel="modulepreload" href="assets/${basename(i.path)}">\n`)
  .join('')
// Relative asset URLs: the UI works under any path prefix a proxy puts it behind.
const icon =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 1l7 7-7 7-7-7z' fill='%232458d6'/%3E%3C/svg%3E"
await writeFile(
  join(dist, 'index.html'),
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>prodbench</title>
<link rel="icon" href="${icon}">
${style ? `<link rel="stylesheet" href="assets/${style}">\n` : ''}${preload}<script type="module" src="assets/${script}"></script>
</head>
<body>
<div id="app"><noscript>The prodbench admin UI needs JavaScript. The JSON API is under /api/v1/.</noscript></div>
</body>
</html>
`,
)
const ms = Math.round(performance.now() - started)
process.stdout.write(
  `build:ui: ${outputs.join(', ')} (${(total / 1024).toFixed(1)} KiB gzipped) in ${ms} ms → ${dist}\n`,
)
