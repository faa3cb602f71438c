import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startControlPlane } from '../control-plane.js'
import { ProdbenchError } from '../errors.js'
import { DEFAULT_DATA_DIR, DEFAULT_GRPC_ADDRESS, DEFAULT_HTTP_ADDRESS, STATE_FILE } from '../options.js'
import { natsConfigCommand } from '../security/nats-config-command.js'
import {
  nextSteps,
  SECURITY_FLAG_OPTIONS,
  SECURITY_FLAGS_USAGE,
  type SecurityFlagValues,
  securityLines,
  securityOptionsFrom,
} from '../security/security-flags.js'
import {
  INCIDENT_FLAG_OPTIONS,
  INCIDENT_FLAGS_USAGE,
  type IncidentFlagValues,
  incidentOptionsFrom,
} from './incident-flags.js'

const USAGE = `Usage: control-plane [--nats URL] [--grpc HOST:PORT] [--data DIR] [--kv-replicas N]
                     [--http HOST:PORT|off]

Runs the prodbench control plane: gRPC for ctl and other clients, NATS to the
SDK instances. Without --nats it starts an embedded nats-server (JetStream) in
DIR/nats, on port 4222 if free.

Options:
  --nats URL        NATS server URL(s), comma-separated  (env PRODBENCH_NATS; default: embedded)
  --grpc HOST:PORT  gRPC listen address, port 0 = free  (env PRODBENCH_GRPC; default ${DEFAULT_GRPC_ADDRESS})
  --data DIR        data directory                       (env PRODBENCH_DATA; default ${DEFAULT_DATA_DIR})
  --kv-replicas N   replicas of the KV bucket when created, 1-5 (3 on a NATS cluster)
                                                         (env PRODBENCH_KV_REPLICAS; default 1)
  --http HOST:PORT  admin UI and HTTP/JSON API, port 0 = free, off = none
                                                         (env PRODBENCH_HTTP; default ${DEFAULT_HTTP_ADDRESS},
                                                         or a free port when that one is taken)
${INCIDENT_FLAGS_USAGE}
  -h, --help        show this help

${SECURITY_FLAGS_USAGE}

  control-plane nats-config --help   writes a nats-server config with the two identities
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
  if (argv[0] === 'nats-config') {
    process.exitCode = await natsConfigCommand(argv.slice(1), env, process)
    return
  }
  let values: {
    nats?: string
    grpc?: string
    data?: string
    'kv-replicas'?: string
    http?: string
    help?: boolean
  } & IncidentFlagValues &
    SecurityFlagValues
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        nats: { type: 'string' },
        grpc: { type: 'string' },
        data: { type: 'string' },
        'kv-replicas': { type: 'string' },
        http: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...INCIDENT_FLAG_OPTIONS,
        ...SECURITY_FLAG_OPTIONS,
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
  const replicasFlag = values['kv-replicas'] ?? (env.PRODBENCH_KV_REPLICAS || undefined)
  if (replicasFlag !== undefined && !/^[1-5]$/.test(replicasFlag.trim())) {
    process.stderr.write(
      `control-plane: --kv-replicas must be a number from 1 to 5 (got "${replicasFlag}")\n\n${USAGE}`,
    )
    process.exitCode = EXIT_USAGE
    return
  }
  // Only the default address falls back to a free port: an address asked for is taken or fails.
  const httpFlag = values.http ?? (env.PRODBENCH_HTTP || undefined)
  const http = httpFlag?.trim() === 'off' ? undefined : (httpFlag?.trim() ?? DEFAULT_HTTP_ADDRESS)
  const kvReplicas = replicasFlag === undefined ? undefined : Number(replicasFlag.trim())
  const incidentOptions = incidentOptionsFrom(values, env)
  if (typeof incidentOptions === 'string') {
    process.stderr.write(`control-plane: ${incidentOptions}\n\n${USAGE}`)
    process.exitCode = EXIT_USAGE
    return
  }
  const securityOptions = securityOptionsFrom(values, env)
  if (typeof securityOptions === 'string') {
    process.stderr.write(`control-plane: ${securityOptions}\n\n${USAGE}`)
    process.exitCode = EXIT_USAGE
    return
  }
  const nats = natsFlag
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)

  let cp: Awaited<ReturnType<typeof startControlPlane>>
  try {
    cp = await startControlPlane({
      nats: nats && nats.length > 0 ? nats : undefined,
      grpc,
      dataDir,
      ...(kvReplicas === undefined ? {} : { kvReplicas }),
      ...(http === undefined ? {} : { http, httpFallbackToFreePort: httpFlag === undefined }),
      ...incidentOptions,
      ...securityOptions,
    })
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
      `gRPC listening on ${cp.grpcAddress}\n` +
      (cp.httpAddress ? `Admin UI: http://${cp.httpAddress}/\n` : '') +
      securityLines(cp)
        .map((line) => `${line}\n`)
        .join('') +
      '\n' +
      'Next:\n' +
      nextSteps(cp)
        .map((line) => `${line}\n`)
        .join(''),
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
