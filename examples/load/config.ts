/**
 * Load generator settings from the environment, checked once with messages
 * that name the bad value.
 */

/** Parsed settings. */
export interface LoadConfig {
  /** Base URLs, used round-robin. */
  targets: URL[]
  /** Requests per second across all targets. */
  rate: number
  /** Seconds to run; 0 runs until Ctrl-C. */
  durationS: number
  /** Seconds between summary lines. */
  reportS: number
  /** Per-request timeout in ms. */
  timeoutMs: number
  /** Requests allowed in flight at once; beyond that a tick is skipped and counted. */
  maxInFlight: number
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/**
 * Reads TARGET (comma-separated base URLs, default http://127.0.0.1:3000),
 * RATE (default 20), DURATION (seconds, default 0 = until Ctrl-C), REPORT
 * (seconds, default 5), TIMEOUT_MS (default 5000), MAX_IN_FLIGHT (default 200).
 * Targets must be loopback unless ALLOW_REMOTE=1: this tool is for your own
 * machine, not for pointing at someone else's.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadConfig {
  const targets = (env.TARGET || 'http://127.0.0.1:3000')
    .split(',')
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => {
      let url: URL
      try {
        url = new URL(text)
      } catch {
        throw new Error(`TARGET: "${text}" is not a URL (expected e.g. http://127.0.0.1:3000)`)
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`TARGET: "${text}" must be http:// or https://`)
      }
      const loopback = LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.')
      if (!loopback && env.ALLOW_REMOTE !== '1') {
        throw new Error(`TARGET: "${text}" is not a loopback address; set ALLOW_REMOTE=1 if you mean it`)
      }
      return url
    })
  if (targets.length === 0) throw new Error('TARGET: no URL given')
  return {
    targets,
    rate: number(env, 'RATE', 20, 0.1, 10_000),
    durationS: number(env, 'DURATION', 0, 0, 7 * 86_400),
    reportS: number(env, 'REPORT', 5, 0.5, 3_600),
    timeoutMs: number(env, 'TIMEOUT_MS', 5_000, 10, 600_000),
    maxInFlight: number(env, 'MAX_IN_FLIGHT', 200, 1, 10_000),
  }
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name}: "${text}" must be a number from ${min} to ${max}`)
  }
  return value
}
