import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { type ConnectionOptions, connect, type NatsConnection } from 'nats'
import { natsAuthOptions, startNatsServer } from '../../control-plane/src/nats/index.js'
import { renderNatsConfig } from '../../control-plane/src/security/nats-config.js'
import type { NatsCredentials } from '../../control-plane/src/security/nats-credentials.js'
import { ensureNatsIdentities, IDENTITY_FILES, writeSecret } from '../../control-plane/src/security/nats-identities.js'

/** A nats-server started with the config `control-plane nats-config` writes: two identities, their permissions. */
export interface SecuredNats {
  readonly url: string
  readonly port: number
  /** The folder with the config and the credentials. */
  readonly dir: string
  readonly configFile: string
  /** What the control plane connects with. */
  readonly controlPlane: NatsCredentials
  /** What SDK instances connect with. */
  readonly sdk: NatsCredentials
  /** A raw nats.js connection as `who` (closed when the test ends). */
  connectAs(who: 'control-plane' | 'sdk', extra?: Partial<ConnectionOptions>): Promise<NatsConnection>
}

/**
 * Starts a real nats-server (JetStream, free port, fresh temp dir) secured
 * with generated nkey identities for the control plane and the SDKs,
 * exactly as the embedded default and `control-plane nats-config` do.
 * Stopped (and its dir removed) after the test's other after-hooks.
 */
export async function startSecuredNats(t: Pick<TestContext, 'after'>): Promise<SecuredNats> {
  const dir = await mkdtemp(join(tmpdir(), 'prodbench-secured-'))
  const identities = await ensureNatsIdentities(join(dir, 'security'), { kind: 'nkey' })
  const configFile = join(identities.dir, IDENTITY_FILES.config)
  await writeSecret(configFile, renderNatsConfig({ users: identities.users }))
  const server = await startNatsServer({ port: 0, storeDir: join(dir, 'nats'), configFile })
  const connections: NatsConnection[] = []
  const close = async () => {
    await Promise.all(connections.map((nc) => (nc.isClosed() ? undefined : nc.close())))
    await server.stop()
    await rm(dir, { recursive: true, force: true })
  }
  t.after(() => {
    t.after(close)
    setTimeout(() => void close(), 10_000).unref()
  })
  return {
    url: server.url,
    port: server.port,
    dir,
    configFile,
    controlPlane: identities.controlPlane,
    sdk: identities.sdk,
    async connectAs(who, extra = {}) {
      const credentials = who === 'sdk' ? identities.sdk : identities.controlPlane
      const nc = await connect({
        servers: server.url,
        inboxPrefix: who === 'sdk' ? '_INBOX_SDK' : '_INBOX_CP',
        ...(await natsAuthOptions(credentials)),
        ...extra,
      })
      connections.push(nc)
      return nc
    },
  }
}
