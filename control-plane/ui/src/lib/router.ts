import { useEffect, useState } from 'preact/hooks'

/**
 * Hash routing: every page has a stable URL (`/#/services/checkout/rules/r-1`)
 * that alert links and bookmarks can open, under any path prefix a proxy
 * adds, with no server-side fallback needed.
 */

/** The current route: path segments and query. */
export interface Location {
  readonly parts: string[]
  readonly query: URLSearchParams
}

/** Parses `#/a/b?x=1`. */
export function parseHash(hash: string): Location {
  const raw = hash.replace(/^#/, '')
  const [path = '', search = ''] = raw.split('?', 2)
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p)
      } catch {
        return p
      }
    })
  return { parts, query: new URLSearchParams(search) }
}

/** Builds `#/a/b?x=1` (parts encoded, empty query values left out). */
export function href(parts: readonly string[], query?: Record<string, string | undefined>): string {
  const path = `#/${parts.map(encodeURIComponent).join('/')}`
  if (!query) return path
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, v)
  const q = search.toString()
  return q ? `${path}?${q}` : path
}

/** Replaces the query of the current URL without a new history entry (a search box typing). */
export function replaceQuery(query: Record<string, string | undefined>): void {
  const { parts } = parseHash(location.hash)
  history.replaceState(null, '', href(parts, query))
}

/** The current location, updated on navigation. */
export function useLocation(): Location {
  const [loc, setLoc] = useState(() => parseHash(location.hash))
  useEffect(() => {
    const onChange = () => setLoc(parseHash(location.hash))
    addEventListener('hashchange', onChange)
    return () => removeEventListener('hashchange', onChange)
  }, [])
  return loc
}
