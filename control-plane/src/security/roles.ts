import { z } from 'zod'

/**
 * Roles and service scopes. A role includes the ones below it: an operator
 * may do what a viewer may, an admin what an operator may.
 *
 * - viewer: read and watch (services, rules, status, histograms, metrics,
 *   incidents, checks), tail and dump with the extra redaction.
 * - operator: change rules (levels, sampling, budgets, records, captures,
 *   tails, checks, quarantine), run checks, ack and close incidents, read
 *   the audit log, tail and dump without the extra redaction.
 * - admin: tokens, the inspector.
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const
/** One of {@link ROLES}. */
export const Role = z.enum(ROLES, { message: 'must be viewer, operator or admin' })
export type Role = z.infer<typeof Role>

const RANK: Readonly<Record<Role, number>> = Object.freeze({ viewer: 0, operator: 1, admin: 2 })

/** Whether `held` includes `needed`. */
export function roleIncludes(held: Role, needed: Role): boolean {
  return RANK[held] >= RANK[needed]
}

/** A service name, or a glob of them: letters, digits, `_`, `-`, and `*` / `?` wildcards. */
export const ServiceGlob = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_*?-]+$/, 'may only contain letters, digits, "_", "-" and the wildcards "*" and "?"')

/** Whether `service` matches `glob` (`*` any run of characters, `?` one). */
export function globMatches(glob: string, service: string): boolean {
  if (!glob.includes('*') && !glob.includes('?')) return glob === service
  const pattern = glob.replace(/[*?]/g, (c) => (c === '*' ? '.*' : '.'))
  return new RegExp(`^${pattern}$`).test(service)
}

/** Whether a scope (empty: every service) covers `service`. */
export function scopeCovers(scope: readonly string[], service: string): boolean {
  return scope.length === 0 || scope.some((glob) => globMatches(glob, service))
}
