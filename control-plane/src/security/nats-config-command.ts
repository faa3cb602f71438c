import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { renderNatsConfig } from './nats-config.js'
import type { NatsCredentials } from './nats-credentials.js'
import { ensureNatsIdentities, envFileText, IDENTITY_FILES, type NatsAuthKind, writeSecret } from './nats-identities.js'

/** Help of `control-plane nats-config`. */
export const NATS_CONFIG_USAGE = `Usage: control-plane nats-config [--out DIR] [--listen HOST:PORT] [--store-dir DIR]
                                 [--auth nkey|password] [--tls-cert FILE --tls-key FILE
                                 [--tls-ca FILE] [--tls-verify]] [--rotate] [--show-secrets]

Writes a nats-server configuration with two identities, the control plane and
the SDK instances, each allowed only what it needs (docs/security.md), and
their credentials:

  DIR/nats-server.conf    the server config                     (mode 0600)
  DIR/control-plane.nk    the control plane's nkey seed          (or .password)
  DIR/sdk.nk              the SDK instances' nkey seed           (or .password)
  DIR/control-plane.env   PRODBENCH_NATS_* for the control plane (mode 0600)
  DIR/sdk.env             PRODBENCH_NATS_* for the services      (mode 0600)

Prints the config on stdout: with nkeys it holds only public keys; passwords
are masked unless --show-secrets. Keys in DIR are kept (services stay
connected) unless --rotate. Then:  nats-server -c DIR/nats-server.conf

Options:
  --out DIR           where to write                      (default ./prodbench-nats)
  --listen HOST:PORT  client address                      (default 127.0.0.1:4222)
  --store-dir DIR     JetStream store                     (default DIR/jetstream)
  --auth KIND         nkey (default) or password
  --tls-cert FILE, --tls-key FILE  serve TLS with this certificate and key
  --tls-ca FILE       CA clients are checked against (and the clients' env files name it)
  --tls-verify        require client certificates (mutual TLS)
  --rotate            new keys or passwords for both identities
  --show-secrets      print passwords instead of masking them
  -h, --help          show this help
`

/** Where the command writes. */
interface Io {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
}

/**
 * `control-plane nats-config [...]`: writes the config and credentials,
 * prints the config. Returns the exit code (0, or 2 for a bad command line).
 */
export async function natsConfigCommand(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        listen: { type: 'string' },
        'store-dir': { type: 'string' },
        auth: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-ca': { type: 'string' },
        'tls-verify': { type: 'boolean' },
        rotate: { type: 'boolean' },
        'show-secrets': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (err) {
    io.stderr.write(`control-plane nats-config: ${(err as Error).message}\n\n${NATS_CONFIG_USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout.write(NATS_CONFIG_USAGE)
    return 0
  }
  const usage = (message: string) => {
    io.stderr.write(`control-plane nats-config: ${message}\n\n${NATS_CONFIG_USAGE}`)
    return 2
  }
  const kind = (values.auth as string | undefined) ?? 'nkey'
  if (kind !== 'nkey' && kind !== 'password') return usage(`--auth must be nkey or password (got "${kind}")`)
  const listen = (values.listen as string | undefined) ?? '127.0.0.1:4222'
  if (!/^(\[[^\]]+\]|[^:\s]+):\d{1,5}$/.test(listen)) return usage(`--listen must be HOST:PORT (got "${listen}")`)
  const cert = values['tls-cert'] as string | undefined
  const key = values['tls-key'] as string | undefined
  const ca = values['tls-ca'] as string | undefined
  if ((cert === undefined) !== (key === undefined)) return usage('--tls-cert and --tls-key go together')
  if ((values['tls-verify'] || ca) && !cert) return usage('--tls-ca and --tls-verify need --tls-cert and --tls-key')
  if (values['tls-verify'] && !ca)
    return usage('--tls-verify needs --tls-ca (the CA client certificates are checked against)')

  const out = resolve((values.out as string | undefined) ?? env.PRODBENCH_NATS_CONFIG_DIR ?? 'prodbench-nats')
  const identities = await ensureNatsIdentities(out, { kind: kind as NatsAuthKind, rotate: values.rotate === true })
  const setup = {
    users: identities.users,
    listen,
    storeDir: resolve((values['store-dir'] as string | undefined) ?? join(out, 'jetstream')),
    ...(cert && key
      ? {
          tls: {
            certFile: resolve(cert),
            keyFile: resolve(key),
            ...(ca ? { caFile: resolve(ca) } : {}),
            verify: values['tls-verify'] === true,
          },
        }
      : {}),
  }
  const configFile = join(out, IDENTITY_FILES.config)
  await writeSecret(configFile, renderNatsConfig(setup))
  const url = `${cert ? 'tls' : 'nats'}://${listen.replace(/^0\.0\.0\.0:/, '127.0.0.1:')}`
  const withCa = (credentials: NatsCredentials): NatsCredentials =>
    ca ? { ...credentials, tls: { caFile: resolve(ca) } } : credentials
  const cpEnv = join(out, IDENTITY_FILES.controlPlaneEnv)
  const sdkEnv = join(out, IDENTITY_FILES.sdkEnv)
  await writeSecret(cpEnv, envFileText(withCa(identities.controlPlane)))
  await writeSecret(sdkEnv, envFileText(withCa(identities.sdk), url))

  io.stdout.write(renderNatsConfig(setup, { maskSecrets: values['show-secrets'] !== true }))
  io.stderr.write(
    [
      `wrote ${configFile} (mode 0600)`,
      ...identities.secretFiles.map((file) => `wrote ${file} (mode 0600, secret)`),
      `wrote ${cpEnv}: control-plane --nats ${url} with these variables`,
      `wrote ${sdkEnv}: the services' variables (set -a; . ${sdkEnv})`,
      `start it: nats-server -c ${configFile}`,
      ...(values['tls-verify'] ? ['mutual TLS: give each client PRODBENCH_NATS_CERT and PRODBENCH_NATS_KEY too'] : []),
      '',
    ].join('\n'),
  )
  return 0
}
