import assert from 'node:assert/strict'
import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { HistogramWindowMessage } from '@prodbench/proto'
import { decodeHdr, encodeCounts, HdrRecorder, hdrLayout } from '@prodbench/sdk/metrics'
import { HlogWriter } from '../src/ctl/hlog-writer.js'

const DECODER = fileURLToPath(new URL('../../tools/hdr-interop/HdrDecode.java', import.meta.url))
const JAR = '/usr/share/java/hdrhistogram.jar'

function javaReady(): string | undefined {
  if (!existsSync(JAR)) return `${JAR} is missing (apt-get install libhdrhistogram-java)`
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' })
    return undefined
  } catch {
    return 'java is not installed'
  }
}

const SKIP = javaReady()

function java(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('java', ['-cp', JAR, DECODER, ...args], { timeout: 60_000 }, (err, out, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out),
    ),
  )
}

/** The V2 compressed bytes an SDK instance streams for `values` (µs), as the capture runner makes them. */
function snapshotBytes(values: number[]): Uint8Array {
  const recorder = new HdrRecorder(hdrLayout(1, 3_600_000_000, 3), 0)
  for (const v of values) recorder.record(v)
  const interval = recorder.cut(1_000)
  return encodeCounts(recorder.layout, interval.counts)
}

/** "count=… p50=… p99=… max=…" as hdr-histogram-js reads the same bytes. */
function jsFigures(bytes: Uint8Array): string {
  const h = decodeHdr(bytes)
  return `count=${h.totalCount} p50=${h.getValueAtPercentile(50)} p99=${h.getValueAtPercentile(99)} max=${h.maxValue}`
}

const A = Array.from({ length: 1_000 }, (_, i) => 100 + i * 7)
const B = [...Array.from({ length: 500 }, (_, i) => 2_000 + i * 13), 250_000]

test('hdr interop - Java HdrHistogram decodes a streamed snapshot to the same figures', { skip: SKIP }, async () => {
  const bytes = snapshotBytes(B)
  const line = await java('snapshot', Buffer.from(bytes).toString('base64'))
  assert.equal(line, `- start=0.000 end=0.000 ${jsFigures(bytes)}\n`)
  assert.match(line, /count=501 /)
  assert.match(line, /max=250\d{3}\n$/)
})

test('hdr interop - Java HistogramLogReader reads a .hlog written by ctl hist watch', { skip: SKIP }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-hlog-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  let text = ''
  const writer = new HlogWriter((chunk) => (text += chunk), { service: 'checkout', metric: 'http.server.duration' })
  const start = 1_700_000_000_000
  const window = (instance: string, values: number[], endMs: number): HistogramWindowMessage =>
    ({
      instance,
      unit: 'us',
      startMs: endMs - 1_000,
      endMs,
      count: values.length,
      hdr: snapshotBytes(values),
    }) as HistogramWindowMessage
  for (const [n, endMs] of [start + 1_000, start + 2_000].entries()) {
    const [a, b] = [A.slice(n * 500, n * 500 + 500), n === 0 ? B : B.slice(0, 100)]
    writer.write({
      endMs,
      merged: window('', [...a, ...b], endMs),
      instances: [window('pod-a', a, endMs), window('pod-b', b, endMs)],
    })
  }
  const path = join(dir, 'checkout.hlog')
  await writeFile(path, text)
  const lines = (await java('hlog', path)).trim().split('\n')
  assert.equal(lines.length, 6)
  assert.deepEqual(
    lines.map((l) => l.split(' ')[0]),
    ['-', 'pod-a', 'pod-b', '-', 'pod-a', 'pod-b'],
  )
  // Java sees the intervals at their wall-clock times and with the figures JS sees.
  assert.match(lines[0] ?? '', /^- start=1700000000\.000 end=1700000001\.000 count=1001 /)
  assert.equal(lines[1]?.replace(/^.*count=/, 'count='), jsFigures(snapshotBytes(A.slice(0, 500))))
  assert.match(lines[5] ?? '', /^pod-b start=1700000001\.000 end=1700000002\.000 count=100 /)
})
