/**
 * Names that end up in NATS subjects or KV keys. Service and instance names
 * are single subject tokens, so they may not hold '.', '*', '>' or spaces;
 * logger names are dotted paths of such tokens.
 */

const TOKEN = /^[A-Za-z0-9_-]+$/

/** Longest service name accepted (it is a KV key and a subject token). */
export const MAX_SERVICE_LENGTH = 64
/** Longest instance id accepted. */
export const MAX_INSTANCE_LENGTH = 128
/** Longest logger name or pattern accepted. */
export const MAX_LOGGER_LENGTH = 256

/** Returns why `name` is not a valid service name, or undefined when it is. */
export function serviceNameProblem(name: string): string | undefined {
  return tokenProblem(name, MAX_SERVICE_LENGTH)
}

/** Returns why `id` is not a valid instance id, or undefined when it is. */
export function instanceIdProblem(id: string): string | undefined {
  return tokenProblem(id, MAX_INSTANCE_LENGTH)
}

/** Returns why `name` is not a valid logger name ("db", "db.pool"), or undefined. */
export function loggerNameProblem(name: string): string | undefined {
  return pathProblem(name, false)
}

/** Returns why `pattern` is not a valid logger pattern ("db", "*.pool"), or undefined. */
export function loggerPatternProblem(pattern: string): string | undefined {
  return pathProblem(pattern, true)
}

/** Returns why `name` is not a valid metric name ("http.server.duration"), or undefined. */
export function metricNameProblem(name: string): string | undefined {
  return pathProblem(name, false)
}

/**
 * Returns why `pattern` is not a valid metric pattern, or undefined. A segment
 * may be `*` (exactly one segment); the last may be `**` (any number, even none).
 */
export function metricPatternProblem(pattern: string): string | undefined {
  if (pattern === '**') return undefined
  const body = pattern.endsWith('.**') ? pattern.slice(0, -3) : pattern
  const why = pathProblem(body, true)
  return why ? `${why}; a trailing ".**" matches any number of segments` : undefined
}

/** True when metric pattern `pattern` (see {@link metricPatternProblem}) covers metric `name`. */
export function metricMatches(pattern: string, name: string): boolean {
  if (pattern === '**') return true
  const want = pattern.split('.')
  const have = name.split('.')
  const rest = want[want.length - 1] === '**'
  if (rest) want.pop()
  if (rest ? have.length < want.length : have.length !== want.length) return false
  for (let i = 0; i < want.length; i++) {
    if (want[i] !== '*' && want[i] !== have[i]) return false
  }
  return true
}

/** Turns any string into a valid token (for default instance ids built from host names). */
export function toToken(text: string, maxLength = MAX_INSTANCE_LENGTH): string {
  const token = text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')
  return (token || 'x').slice(0, maxLength)
}

function tokenProblem(name: string, max: number): string | undefined {
  if (name.length === 0) return 'must not be empty'
  if (name.length > max) return `must be at most ${max} characters (got ${name.length})`
  if (!TOKEN.test(name)) return 'may only contain letters, digits, "_" and "-"'
  return undefined
}

function pathProblem(path: string, allowWildcard: boolean): string | undefined {
  if (path.length === 0) return 'must not be empty'
  if (path.length > MAX_LOGGER_LENGTH) return `must be at most ${MAX_LOGGER_LENGTH} characters (got ${path.length})`
  for (const segment of path.split('.')) {
    if (segment === '*' && allowWildcard) continue
    if (!TOKEN.test(segment)) {
      return allowWildcard
        ? 'must be dot-separated segments of letters, digits, "_" and "-", or "*" for one segment'
        : 'must be dot-separated segments of letters, digits, "_" and "-"'
    }
  }
  return undefined
}
