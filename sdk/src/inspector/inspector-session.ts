import inspector from 'node:inspector'
import { hostname } from 'node:os'
import { codecs, type InspectReplyInput } from '@prodbench/proto'
import type { Identity } from '../identity.js'

/** Default and longest time the inspector stays open. */
export const DEFAULT_INSPECT_MS = 10 * 60_000
export const MAX_INSPECT_MS = 60 * 60_000

/**
 * Opens the Node inspector on request, bound to 127.0.0.1 only (reach it
 * through an ssh tunnel to the host), and closes it after a TTL. Off unless
 * the service enables it in code: an inspector runs arbitrary code.
 */
export class InspectorSession {
  readonly #enabled: boolean
  readonly #port: number
  #closesAt = 0
  #timer: NodeJS.Timeout | undefined
  #openedByUs = false

  constructor(options: { enabled: boolean; port: number }) {
    this.#enabled = options.enabled
    this.#port = options.port
  }

  /** Answers an inspect request: the reply's bytes. Never throws. */
  answer(identity: Identity, request: Uint8Array): Uint8Array {
    const base: InspectReplyInput = { identity: { ...identity }, host: hostname() }
    try {
      const ttl = Math.min(codecs.inspectRequest.decode(request).ttlMs || DEFAULT_INSPECT_MS, MAX_INSPECT_MS)
      if (!this.#enabled) {
        return codecs.inspectReply.encode({
          ...base,
          error: 'the inspector is not enabled in this service (init({ inspector: true }))',
        })
      }
      const url = this.#open(ttl)
      const port = Number(new URL(url).port)
      return codecs.inspectReply.encode({
        ...base,
        url,
        devtoolsUrl: `devtools://devtools/bundled/js_app.html?experiments=true&v8only=true&ws=${url.slice('ws://'.length)}`,
        port,
        closesAt: this.#closesAt,
      })
    } catch (err) {
      return codecs.inspectReply.encode({ ...base, error: err instanceof Error ? err.message : String(err) })
    }
  }

  /** Closes the inspector if this session opened it. Idempotent. */
  close(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#openedByUs && inspector.url()) inspector.close()
    this.#openedByUs = false
  }

  #open(ttl: number): string {
    let url = inspector.url()
    if (!url) {
      inspector.open(this.#port, '127.0.0.1', false)
      this.#openedByUs = true
      url = inspector.url()
    }
    if (!url) throw new Error('the inspector did not open')
    if (!url.startsWith('ws://127.0.0.1:')) throw new Error(`the inspector listens on ${url}, not on 127.0.0.1 only`)
    this.#closesAt = Math.max(this.#closesAt, Date.now() + ttl)
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.close(), this.#closesAt - Date.now())
    this.#timer.unref()
    return url
  }
}
