import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startControlPlane } from '../control-plane.js'
import { ProdbenchError } from '../errors.js'
import { DEFAULT_DATA_DIR, DEFAULT_GRPC_ADDRESS, STATE_FILE } from '../options.js'

const USAGE = `Usage: control-plane [--nats URL] [--grpc HOST:PORT] [--data DIR]

Runs the prodbench control plane: gRPC for ctl and other clients, NATS to the
SDK instances. Without --nats it starts an embedded nats-server (JetStream) in
DIR/nats, on port 4222 if free.

Options:
  --nats URL        NATS server URL(s), comma-separated  (env PRODBENCH_NATS; default: embedded)
  --grpc HOST:PORT  gRPC listen address, port 0 = free  (env PRODBENCH_GRPC; default ${DEFAULT_GRPC_ADDRESS})
  --data DIR        data directory                       (env PRODBENCH_DATA; default ${DEFAULT_DATA_DIR})
  -h, --help        show this help
`

/** Exit codes: 0 clean stop, 1 could not start, 2 bad command line. */
const EXIT_START_FAILED = 1
const EXIT_USAGE = 2

/**
 * The `control-plane` command (bin/control-plane.js calls it). Runs until
 * SIGINT/SIGTERM, then closes cleanly and exits 0; a bad command line sets
 * exit code 2, a failed start 1.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let values: { nats?: string; grpc?: string; data?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        nats: { type: 'string' },
        grpc: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (err) {
    process.stderr.write(`control-plane: ${(err as Error).message}\n\n${USAGE}`)
    process.exitCode = EXIT_USAGE
    return
  }
  if (values.help) {
    process.stdout.write(USAGE)
    return
  }

  const natsFlag = values.nats ?? (env.PRODBENCH_NATS || undefined)
  const dataDir = resolve(values.data ?? (env.PRODBENCH_DATA || DEFAULT_DATA_DIR))
  const grpc = values.grpc ?? (env.PRODBENCH_GRPC || DEFAULT_GRPC_ADDRESS)
  const nats = natsFlag
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)

  let cp: Awaited<ReturnType<typeof startControlPlane>>
  try {
    cp = await startControlPlane({ nats: nats && nats.length > 0 ? nats : undefined, grpc, dataDir })
  } catch (err) {
    const bad = err instanceof ProdbenchError && err.code === 'PB_INVALID_OPTIONS'
    process.stderr.write(`control-plane: ${(err as Error).message}\n${bad ? `\n${USAGE}` : ''}`)
    process.exitCode = bad ? EXIT_USAGE : EXIT_START_FAILED
    return
  }

  const stateFile = join(dataDir, STATE_FILE)
  await mkdir(dataDir, { recursive: true })
  await writeFile(stateFile, `${JSON.stringify({ natsUrl: cp.natsUrl, grpc: cp.grpcAddress, pid: process.pid })}\n`)

  // The NATS_URL line stays bare so scripts can pick it up with a simple pattern.
  const embedded = cp.embeddedNats ? `embedded nats-server with JetStream, data in ${cp.embeddedNats.storeDir}\n` : ''
  process.stdout.write(
    `NATS_URL=${cp.natsUrl}\n${embedded}` +
      `gRPC listening on ${cp.grpcAddress}\n\n` +
      'Next:\n' +
      '  # run a service with the SDK\n' +
      `  NATS_URL=${cp.natsUrl} node --import tsx examples/checkout/main.ts\n` +
      '  # see it, and change its level\n' +
      `  npx ctl --server ${cp.grpcAddress} ls\n` +
      `  npx ctl --server ${cp.grpcAddress} set-level svc=checkout debug --ttl 15m\n`,
  )

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`control-plane: ${signal}, closing\n`)
    await cp.close()
    await rm(stateFile, { force: true })
    process.exitCode = 0
    // Nothing we own is left open; exit now rather than wait for stray handles of libraries.
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}
