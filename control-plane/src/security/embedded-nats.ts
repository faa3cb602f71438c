import { join } from 'node:path'
import { renderNatsConfig } from './nats-config.js'
import type { NatsCredentials } from './nats-credentials.js'
import { ensureNatsIdentities, envFileText, IDENTITY_FILES, writeSecret } from './nats-identities.js'

/** The embedded nats-server's authorization, ready to start. */
export interface EmbeddedNatsSecurity {
  /** The config file nats-server is started with (`-c`): the authorization block. */
  readonly configFile: string
  /** What the control plane connects with. */
  readonly controlPlane: NatsCredentials
  /** What the SDK instances connect with. */
  readonly sdk: NatsCredentials
  /**
   * Writes `sdk.env` (NATS_URL and PRODBENCH_NATS_NKEY, mode 0600) once the
   * server's URL is known; returns its path. Services started with it
   * (`set -a; . sdk.env`) connect as SDK instances.
   */
  writeSdkEnv(natsUrl: string): Promise<string>
}

/**
 * Prepares the embedded server's security in `dir`: nkey identities for the
 * control plane and the SDKs (kept across restarts) and a config holding only
 * their public keys and permissions. Listen address and store stay on the
 * command line, so the port can still be chosen at start.
 */
export async function prepareEmbeddedNats(dir: string): Promise<EmbeddedNatsSecurity> {
  const identities = await ensureNatsIdentities(dir, { kind: 'nkey' })
  const configFile = join(identities.dir, IDENTITY_FILES.config)
  await writeSecret(configFile, renderNatsConfig({ users: identities.users }))
  return {
    configFile,
    controlPlane: identities.controlPlane,
    sdk: identities.sdk,
    async writeSdkEnv(natsUrl) {
      const path = join(identities.dir, IDENTITY_FILES.sdkEnv)
      await writeSecret(path, envFileText(identities.sdk, natsUrl))
      return path
    },
  }
}
