import { type FunctionComponent, h } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { html } from '../html.js'

/**
 * A component whose code loads on first use (a separate chunk), so the first
 * page shows its data without waiting for code it does not need yet.
 */
export function lazy<P extends object>(what: string, load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined
  return function Lazy(props: P) {
    const [component, setComponent] = useState<FunctionComponent<P> | undefined>(() => loaded)
    const [failed, setFailed] = useState<string | undefined>()
    useEffect(() => {
      if (component) return
      load().then(
        (c) => {
          loaded = c
          setComponent(() => c)
        },
        (err: unknown) => setFailed(String(err)),
      )
    }, [])
    if (failed) return html`<p class="error" role="alert">Could not load ${what}: ${failed}</p>`
    return component ? h(component, props) : html`<p class="muted" aria-busy="true">Loading ${what}…</p>`
  }
}
