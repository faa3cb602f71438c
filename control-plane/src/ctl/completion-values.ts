/**
 * `ctl __complete -- WORD... CURRENT` (hidden): the completion scripts call it
 * for the values only the live system knows. It prints one candidate per
 * line, whole words (`svc=checkout`), and prints nothing at all when the
 * control plane is slow or unreachable: a TAB must never hang or spew errors.
 */
import type { Env } from './args.js'
import { type ControlPlaneApi, connectControlPlane, currentAuthor } from './client.js'
import { channelCredentialsFromEnv, resolveToken } from './commands/token-source.js'
import { configPath, readConfig } from './config-file.js'
import { resolveServer } from './contexts.js'
import { DEFAULT_SERVER } from './usage.js'

/** Deadline of each call made for a completion. */
export const COMPLETE_DEADLINE_MS = 1_500

/** The candidates for the last word of `words` (the word being completed, maybe ''). */
export async function completeValues(
  words: readonly string[],
  env: Env,
  connect: (server: string, token?: string) => ControlPlaneApi = (server, token) =>
    connectControlPlane({
      server,
      author: currentAuthor(env),
      readDeadlineMs: COMPLETE_DEADLINE_MS,
      ...(token ? { token } : {}),
      ...(channelCredentialsFromEnv(env) ? { channelCredentials: channelCredentialsFromEnv(env) } : {}),
    }),
): Promise<string[]> {
  const cur = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  if (before.at(-1) === '--context') {
    const config = await readConfig(configPath(env)).catch(() => ({ contexts: {} }))
    return Object.keys(config.contexts)
      .sort()
      .filter((name) => name.startsWith(cur))
  }
  const eq = cur.indexOf('=')
  if (eq <= 0) return []
  const key = cur.slice(0, eq)
  const service = keyValue(before, 'svc')
  if (key !== 'svc' && service === undefined) return []
  // A --context or --server typed on the line applies to the completion too.
  const resolved = await resolveServer(before, env).catch(() => undefined)
  if (!resolved) return []
  const server = flagValue(before, '--server') ?? resolved.server ?? (env.PRODBENCH_SERVER || DEFAULT_SERVER)
  // A secured control plane wants the same token as any other command.
  const token = await resolveToken(before, env).catch(() => undefined)
  const client = connect(server, token)
  try {
    const values = await valuesOf(client, key, service ?? '')
    return [...new Set(values)]
      .sort()
      .map((v) => `${key}=${v}`)
      .filter((word) => word.startsWith(cur))
  } catch {
    return []
  } finally {
    client.close()
  }
}

async function valuesOf(client: ControlPlaneApi, key: string, service: string): Promise<string[]> {
  const words = (list: Array<string | undefined>) => list.filter((v): v is string => Boolean(v))
  switch (key) {
    case 'svc':
      return words((await client.listServices()).services?.map((s) => s.service) ?? [])
    case 'inst':
      return words((await client.getStatus(service)).instances?.map((i) => i.identity?.instance) ?? [])
    case 'logger': {
      const instances = (await client.getStatus(service)).instances ?? []
      return words(instances.flatMap((i) => (i.applied?.levels ?? []).map((l) => l.logger)))
    }
    case 'metric': {
      const instances = (await client.listMetrics(service)).instances ?? []
      return words(instances.flatMap((i) => (i.metrics ?? []).map((m) => m.name)))
    }
    case 'capture':
      return words((await client.listRules(service)).rules?.filter((r) => r.capture).map((r) => r.id) ?? [])
    default:
      return []
  }
}

/** The value of `key=` among `words`. */
function keyValue(words: readonly string[], key: string): string | undefined {
  const word = words.findLast((w) => w.startsWith(`${key}=`))
  return word?.slice(key.length + 1)
}

/** The value of `--flag VALUE` or `--flag=VALUE` among `words`. */
function flagValue(words: readonly string[], flag: string): string | undefined {
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] as string
    if (w === flag) return words[i + 1]
    if (w.startsWith(`${flag}=`)) return w.slice(flag.length + 1)
  }
  return undefined
}
