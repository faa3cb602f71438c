/**
 * `npm run pack [-- --out DIR]`: builds the publishable tarballs of
 * @prodbench/proto, @prodbench/sdk and @prodbench/control-plane.
 *
 * The workspace runs its TypeScript sources with tsx and has no build step,
 * so its package.json files point `exports` at `src/*.ts`. A published
 * package must run on plain Node: for each package this stages a copy with
 *   - dist/: JS + .d.ts + source maps compiled by `tsc -p tsconfig.build.json`,
 *   - a package.json whose `exports` point at dist (`types` + `default`),
 *     without `private`, the workspace scripts and the tsx dependency,
 *   - the bins rewritten to import dist/ (no tsx at run time),
 *   - the files a package needs at run time (the .proto files, the admin UI),
 * and runs `npm pack` there. The workspace itself is never modified.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The packages packed, in dependency order, with what each ships besides dist/. */
export const PACKAGES = [
  { dir: 'proto', extra: ['prodbench'] },
  { dir: 'sdk', extra: [] },
  { dir: 'control-plane', extra: ['bin', 'ui/dist'] },
] as const

type Json = Record<string, unknown>

/** Packs every package into `out`; returns the tarball paths in dependency order. */
export function packAll(out: string): string[] {
  mkdirSync(out, { recursive: true })
  const staging = mkdtempSync(join(tmpdir(), 'prodbench-pack-'))
  try {
    return PACKAGES.map(({ dir, extra }) => packOne(dir, extra, join(staging, dir), out))
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

function packOne(dir: string, extra: readonly string[], stage: string, out: string): string {
  const source = join(ROOT, dir)
  mkdirSync(stage, { recursive: true })
  execFileSync(
    process.execPath,
    [tscBin(), '-p', join(source, 'tsconfig.build.json'), '--noCheck', '--outDir', join(stage, 'dist')],
    {
      cwd: source,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  for (const file of ['README.md', ...extra]) {
    if (existsSync(join(source, file))) cpSync(join(source, file), join(stage, file), { recursive: true })
  }
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as Json
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(publishManifest(manifest, extra), null, 2)}\n`)
  if (existsSync(join(stage, 'bin'))) compileBins(join(stage, 'bin'))
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', resolve(out)], {
    cwd: stage,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1) as string
  return join(resolve(out), name)
}

/** The package.json of the published package, from the workspace one. */
export function publishManifest(manifest: Json, extra: readonly string[]): Json {
  const { private: _private, scripts: _scripts, devDependencies: _dev, ...rest } = manifest
  const dependencies = { ...(manifest.dependencies as Record<string, string> | undefined) }
  // tsx runs the sources in the workspace; the package runs compiled JS.
  delete dependencies.tsx
  return {
    ...rest,
    exports: mapExports(manifest.exports as Record<string, string>),
    files: ['dist', ...extra, 'README.md'],
    dependencies,
  }
}

/** `./src/x.ts` → `{ types: ./dist/x.d.ts, default: ./dist/x.js }` for every entry. */
function mapExports(exports: Record<string, string>): Json {
  const out: Json = {}
  for (const [subpath, target] of Object.entries(exports)) {
    if (!/^\.\/src\/.*\.ts$/.test(target)) throw new Error(`export ${subpath} → ${target} is not ./src/*.ts`)
    const base = target.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '')
    out[subpath] = { types: `${base}.d.ts`, default: `${base}.js` }
  }
  out['./package.json'] = './package.json'
  return out
}

/** Rewrites the workspace bins (tsx + ../src/*.ts) to import the compiled ../dist/*.js. */
function compileBins(binDir: string): void {
  for (const name of ['ctl.js', 'control-plane.js']) {
    const path = join(binDir, name)
    if (!existsSync(path)) continue
    const text = readFileSync(path, 'utf8')
    const compiled = text
      .replace(/^import \{ register \} from 'tsx\/esm\/api'\n+register\(\)\n/m, '')
      .replace(/'\.\.\/src\/([^']+)\.ts'/g, "'../dist/$1.js'")
      .replace(/runs the TypeScript sources through tsx/, 'runs the compiled JavaScript')
    if (compiled.includes('tsx') || compiled.includes('/src/')) {
      throw new Error(`${name}: could not rewrite it to run without tsx:\n${compiled}`)
    }
    writeFileSync(path, compiled)
  }
}

function tscBin(): string {
  return join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'dist-packages') } } })
  for (const tarball of packAll(values.out as string)) process.stdout.write(`${tarball}\n`)
}
