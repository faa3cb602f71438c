/**
 * The command lines of `ctl token ...` and `ctl audit`: global flags,
 * help, parsing, running and printing, with the same exit codes and error
 * shape as the other commands (main.ts hands these words over untouched).
 */
import { parseArgs } from 'node:util'
import { type Env, serverAddressProblem } from '../args.js'
import { CtlError, EXIT, ServerRefusedError, UsageError } from '../errors.js'
import { DEFAULT_SERVER } from '../usage.js'
import { type AuditCommand, buildAuditCommand, runAudit } from './audit.js'
import { buildTokenCommand, runToken, type SecurityReport, type TokenCommand } from './token.js'
import { connectSecurityApi } from './token-client.js'
import { channelCredentialsFromEnv } from './token-source.js'

/** `ctl token --help`. */
export const TOKEN_USAGE = `usage: ctl token create --name NAME --role viewer|operator|admin [--services GLOBS]
                        [--ttl DURATION] [--reason TEXT]
       ctl token ls
       ctl token revoke NAME [--reason TEXT]

API tokens (admin on every service). A token is printed once, alone on
stdout; the control plane keeps only its SHA-256. Roles: viewer (read, watch,
tail and dump with attributes redacted), operator (rules, captures, tails,
checks, quarantine, incidents, the audit log), admin (tokens, inspector).
--services limits a token to services by name or glob: 'checkout,pay*'.

ctl sends the token from PRODBENCH_TOKEN, PRODBENCH_TOKEN_FILE, or the
context's tokenFile (ctl config set-context NAME --server S --token-file F).

example:
  export PRODBENCH_TOKEN="$(cat .prodbench/security/admin.token)"
  ctl token create --name alice --role operator --services 'checkout,pay*' --ttl 90d
  ctl token revoke alice --reason "left the team"
`

/** `ctl audit --help`. */
export const AUDIT_USAGE = `usage: ctl audit [svc=SERVICE] [--since DURATION] [--limit N]

Every change made through the control plane, and every refused one, oldest
first: when, who (the token; what the client claimed in parentheses), role,
from where, the method, the service, the result (ok or the PB_ code), the
reason and the request. Operators see their services; token changes need an
unscoped token.

options:
  --since DURATION   how far back (default 1h)
  --limit N          the newest N records (default 200)
`

const GLOBAL = {
  server: { type: 'string' },
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const
const TOKEN_FLAGS = {
  name: { type: 'string' },
  role: { type: 'string' },
  services: { type: 'string' },
  ttl: { type: 'string' },
  reason: { type: 'string' },
} as const
const AUDIT_FLAGS = { since: { type: 'string' }, limit: { type: 'string' } } as const

/** Where the command writes. */
interface Io {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  env: Env
  now: () => number
}

/** `token` or `audit` when the command line is one of these (or asks their help); else undefined. */
export function securityCommandOf(argv: readonly string[]): 'token' | 'audit' | undefined {
  const words = argv.filter((word, i) => !word.startsWith('-') && argv[i - 1] !== '--server')
  const first = words[0] === 'help' ? words[1] : words[0]
  return first === 'token' || first === 'audit' ? first : undefined
}

/** Runs `ctl token ...` / `ctl audit ...`; returns the exit code. */
export async function runSecurityCommandLine(
  argv: readonly string[],
  io: Io,
  credentials: { author: string; token: () => Promise<string | undefined> },
): Promise<number> {
  const which = securityCommandOf(argv)
  const usage = which === 'audit' ? AUDIT_USAGE : TOKEN_USAGE
  let json = argv.includes('--json')
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...GLOBAL, ...(which === 'audit' ? AUDIT_FLAGS : TOKEN_FLAGS) },
      strict: true,
      allowPositionals: true,
    })
    json = values.json === true
    const words = positionals[0] === 'help' ? positionals.slice(1) : positionals
    if (values.help || positionals[0] === 'help') {
      io.stdout.write(usage)
      return EXIT.OK
    }
    const server = values.server ?? (io.env.PRODBENCH_SERVER || DEFAULT_SERVER)
    const problem = serverAddressProblem(server)
    if (problem) throw new UsageError(`bad --server "${server}": ${problem}`)
    const command: TokenCommand | AuditCommand =
      which === 'audit'
        ? buildAuditCommand(words.slice(1), values)
        : buildTokenCommand(words[1], words.slice(2), values)
    const token = await credentials.token()
    const channelCredentials = channelCredentialsFromEnv(io.env)
    const api = connectSecurityApi({
      server,
      author: credentials.author,
      ...(token ? { token } : {}),
      ...(channelCredentials ? { channelCredentials } : {}),
    })
    try {
      const report: SecurityReport =
        command.name === 'audit' ? await runAudit(command, api, io.now()) : await runToken(command, api, io.now())
      if (json) io.stdout.write(`${JSON.stringify(report.json, null, 2)}\n`)
      else {
        for (const note of report.notes) io.stderr.write(`${note}\n`)
        io.stdout.write(`${report.lines.join('\n')}\n`)
      }
      return report.exitCode
    } finally {
      api.close()
    }
  } catch (error) {
    return fail(error, usage, io, json)
  }
}

function fail(error: unknown, usage: string, io: Io, json: boolean): number {
  const parseProblem = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  const known = error instanceof CtlError ? error : parseProblem ? new UsageError((error as Error).message) : undefined
  if (!known) throw error
  io.stderr.write(`ctl: ${known.message}${known instanceof UsageError ? `\n\n${usage}` : '\n'}`)
  if (json) {
    const refused = known instanceof ServerRefusedError ? { grpcCode: known.grpcCode, details: known.details } : {}
    io.stdout.write(
      `${JSON.stringify({ error: { code: known.code, ...refused, message: known.message, exitCode: known.exitCode } })}\n`,
    )
  }
  return known.exitCode
}
