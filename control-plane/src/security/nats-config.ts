import { type NatsPermissions, type NatsRole, permissionsOf } from './nats-permissions.js'

/** How one role proves who it is to nats-server. */
export type NatsUser =
  | { readonly role: NatsRole; readonly nkey: string }
  | { readonly role: NatsRole; readonly user: string; readonly password: string }

/** The setup a config is written for. */
export interface NatsConfigSetup {
  /** The identities: one per role (more for several SDK fleets sharing a role). */
  readonly users: readonly NatsUser[]
  /** `host:port` to listen on; absent: left to the command line (the embedded server passes -a/-p). */
  readonly listen?: string
  /** JetStream store directory; absent: left to the command line (-js -sd). */
  readonly storeDir?: string
  /** Server TLS: certificate and key; with `caFile` and `verify`, clients must present a certificate. */
  readonly tls?: {
    readonly certFile: string
    readonly keyFile: string
    readonly caFile?: string
    readonly verify?: boolean
  }
}

/** Comment above each role's entry. */
const ROLE_NOTE: Readonly<Record<NatsRole, string>> = Object.freeze({
  'control-plane': 'the control plane: writes desired state, sends control requests, reads telemetry',
  sdk: 'SDK instances: read desired state, publish telemetry and incidents, answer requests',
})

/**
 * A nats-server configuration (its own format, a JSON superset) with one
 * authorization entry per identity. Secrets appear only as given: with
 * `maskSecrets` a password is replaced by a note, so the text can be printed.
 */
export function renderNatsConfig(setup: NatsConfigSetup, options: { maskSecrets?: boolean } = {}): string {
  const lines = [
    '# nats-server configuration for prodbench, written by `control-plane nats-config`.',
    '# Two identities: the control plane and the SDK instances. See docs/security.md.',
  ]
  if (setup.listen) lines.push(`listen: ${quote(setup.listen)}`)
  if (setup.storeDir) lines.push('jetstream {', `  store_dir: ${quote(setup.storeDir)}`, '}')
  else if (setup.listen) lines.push('jetstream: enabled')
  if (setup.tls) {
    lines.push('tls {', `  cert_file: ${quote(setup.tls.certFile)}`, `  key_file: ${quote(setup.tls.keyFile)}`)
    if (setup.tls.caFile) lines.push(`  ca_file: ${quote(setup.tls.caFile)}`)
    if (setup.tls.verify) lines.push('  verify: true')
    lines.push('}')
  }
  lines.push('authorization {', '  users: [')
  for (const user of setup.users) {
    lines.push(`    # ${ROLE_NOTE[user.role]}`, '    {')
    if ('nkey' in user) {
      lines.push(`      nkey: ${quote(user.nkey)}`)
    } else {
      lines.push(`      user: ${quote(user.user)}`)
      lines.push(
        `      password: ${options.maskSecrets ? '"<secret: in the written file only>"' : quote(user.password)}`,
      )
    }
    lines.push(...permissionLines(permissionsOf(user.role)).map((line) => `      ${line}`), '    }')
  }
  lines.push('  ]', '}')
  return `${lines.join('\n')}\n`
}

function permissionLines(p: NatsPermissions): string[] {
  const list = (values: readonly string[]) => `[${values.map(quote).join(', ')}]`
  return [
    'permissions: {',
    `  publish: { allow: ${list(p.publish.allow)}, deny: ${list(p.publish.deny)} }`,
    `  subscribe: { allow: ${list(p.subscribe.allow)}, deny: ${list(p.subscribe.deny)} }`,
    `  allow_responses: ${p.allowResponses}`,
    '}',
  ]
}

/** A double-quoted string: no variable expansion inside, `"` and `\` escaped. */
function quote(value: string): string {
  return JSON.stringify(value)
}
