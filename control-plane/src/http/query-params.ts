import { InvalidArgumentError } from '../errors.js'

/** Query parameters, checked: a bad value is a 400 naming the parameter, never a silent default. */

/** A whole number ≥ 0, or undefined when absent or empty. */
export function queryInt(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name)
  if (text === null || text === '') return undefined
  if (!/^\d{1,10}$/.test(text))
    throw new InvalidArgumentError(name, `must be a whole number (got ${JSON.stringify(text)})`)
  return Number(text)
}

/** `true`/`1` or `false`/`0`; `fallback` when absent or empty. */
export function queryBool(query: URLSearchParams, name: string, fallback = false): boolean {
  const text = query.get(name)
  if (text === null || text === '') return fallback
  if (text === 'true' || text === '1') return true
  if (text === 'false' || text === '0') return false
  throw new InvalidArgumentError(name, `must be true or false (got ${JSON.stringify(text)})`)
}

/** A string, or undefined when absent or empty. */
export function queryString(query: URLSearchParams, name: string): string | undefined {
  const text = query.get(name)
  return text === null || text === '' ? undefined : text
}
