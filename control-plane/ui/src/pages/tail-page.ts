import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ErrorBox } from '../components/bits.js'
import { Layout } from '../components/layout.js'
import { html } from '../html.js'
import { apiPath } from '../lib/api.js'
import { openEventStream } from '../lib/event-stream.js'
import { clock } from '../lib/format.js'
import { useLiveService } from '../lib/live-service.js'
import { attributesText, type LogRecord, parseRecord } from '../lib/log-record.js'
import { href } from '../lib/router.js'
import type { ErrorBody } from '../lib/types.js'

/** Records kept on the page (the oldest go first). */
const KEEP = 2_000
const LEVELS = ['', 'trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const

/** What the tail asks the control plane for (a tail rule); they are in the URL, so a tail can be linked. */
interface Selection {
  logger: string
  level: string
  instance: string
  where: string
}

/**
 * Live log records of a service: the tail is a bounded, self-expiring rule
 * the control plane removes when this page stops or leaves. Records can be
 * paused (they keep arriving and are shown on resume), narrowed by a text
 * filter, and copied as JSON.
 */
export function TailPage({ service, query }: { service: string; query: URLSearchParams }) {
  const live = useLiveService(service)
  const [selection, setSelection] = useState<Selection>({
    logger: query.get('logger') ?? '',
    level: query.get('level') ?? '',
    instance: query.get('instance') ?? '',
    where: query.get('where') ?? '',
  })
  const [running, setRunning] = useState(query.get('run') === '1')
  const [paused, setPaused] = useState(false)
  const [records, setRecords] = useState<LogRecord[]>([])
  const [held, setHeld] = useState<LogRecord[]>([])
  const [state, setState] = useState<{ tailId?: string; dropped: number; ended?: string; error?: ErrorBody }>({
    dropped: 0,
  })
  const [filter, setFilter] = useState('')
  const [copied, setCopied] = useState('')
  const pausedRef = useRef(paused)
  pausedRef.current = paused

  useEffect(() => {
    if (!running) return
    setState({ dropped: 0 })
    let seq = 0
    const q = new URLSearchParams()
    if (selection.logger) q.set('logger', selection.logger)
    if (selection.level) q.set('level', selection.level)
    if (selection.instance) q.set('instance', selection.instance)
    for (const pair of selection.where
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean))
      q.append('where', pair)
    const author = localStorage.getItem('prodbench.author')
    return openEventStream(
      `${apiPath('events', 'services', service, 'tail')}?${q}`,
      {
        onEvent(event, data) {
          if (event === 'tail') setState((s) => ({ ...s, tailId: (data as { tailId: string }).tailId }))
          if (event !== 'records') return
          const batch = data as { instance: string; records: string[]; dropped: number }
          const parsed = batch.records.flatMap((line) => parseRecord(line, batch.instance, seq++) ?? [])
          if (batch.dropped) setState((s) => ({ ...s, dropped: s.dropped + batch.dropped }))
          const add = (list: LogRecord[]) => [...list, ...parsed].slice(-KEEP)
          if (pausedRef.current) setHeld(add)
          else setRecords(add)
        },
        onState(connection, error) {
          if (connection === 'ended') setState((s) => ({ ...s, ended: 'the tail reached its TTL or was removed' }))
          if (connection === 'failed') setState((s) => ({ ...s, ...(error ? { error } : {}), ended: 'stopped' }))
          if (connection === 'ended' || connection === 'failed') setRunning(false)
        },
      },
      { retry: false, headers: author ? { 'x-prodbench-author': author } : {} },
    )
  }, [running, service])

  const start = (event: Event) => {
    event.preventDefault()
    setRecords([])
    setHeld([])
    setPaused(false)
    history.replaceState(null, '', href(['services', service, 'tail'], { ...selection, run: '1' }))
    setRunning(true)
  }
  const resume = () => {
    setRecords((r) => [...r, ...held].slice(-KEEP))
    setHeld([])
    setPaused(false)
  }
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
    if (words.length === 0) return records
    return records.filter((r) => {
      const text = `${r.instance} ${r.level} ${r.logger} ${r.msg} ${attributesText(r)}`.toLowerCase()
      return words.every((w) => text.includes(w))
    })
  }, [records, filter])
  const copy = async () => {
    const text = JSON.stringify(
      shown.map((r) => ({ instance: r.instance, ...r.raw })),
      null,
      2,
    )
    try {
      await navigator.clipboard.writeText(text)
      setCopied(`Copied ${shown.length} records as JSON.`)
    } catch {
      setCopied('The browser refused the clipboard.')
    }
  }
  const set = (field: keyof Selection) => (e: Event) =>
    setSelection((s) => ({ ...s, [field]: (e.target as HTMLInputElement).value }))
  const instances = [...live.instances.keys()].sort()

  return html`<${Layout} service=${service} tab="tail" connection=${live.connection}>
    <div class="page-head">
      <h1>Tail <span class="muted">· ${service}</span></h1>
      <p class="muted summary" role="status" aria-live="polite" data-testid="tail-status">
        ${running ? (state.tailId ? `tailing (${state.tailId})` : 'starting…') : state.ended ? `ended: ${state.ended}` : 'not running'}
        ${state.dropped > 0 ? html` · <span class="warn-text">${state.dropped} dropped over the rate</span>` : null}
      </p>
    </div>
    <form class="toolbar" onSubmit=${start} aria-label="Tail selection">
      <label class="inline"><span>Logger</span><input name="logger" value=${selection.logger} onInput=${set('logger')}
        placeholder="all" disabled=${running} /></label>
      <label class="inline"><span>Lowest level</span>
        <select name="level" value=${selection.level} onChange=${set('level')} disabled=${running}>
          ${LEVELS.map((l) => html`<option key=${l} value=${l}>${l || 'as configured'}</option>`)}
        </select></label>
      <label class="inline"><span>Instance</span>
        <select name="instance" value=${selection.instance} onChange=${set('instance')} disabled=${running}>
          <option value="">all</option>
          ${instances.map((i) => html`<option key=${i} value=${i}>${i}</option>`)}
        </select></label>
      <label class="inline"><span>Requests where</span><input name="where" value=${selection.where} onInput=${set('where')}
        placeholder="user=42" disabled=${running} /></label>
      ${
        running
          ? html`<button type="button" onClick=${() => setRunning(false)}>Stop</button>`
          : html`<button type="submit" class="primary">Start tail</button>`
      }
    </form>
    <${ErrorBox} error=${state.error} title="The tail stopped:" />
    <div class="toolbar">
      <label class="inline"><span>Filter shown records</span>
        <input type="search" value=${filter} onInput=${(e: Event) => setFilter((e.target as HTMLInputElement).value)}
          placeholder="text in any field" /></label>
      ${
        paused
          ? html`<button type="button" onClick=${resume}>Resume${held.length ? ` (${held.length} new)` : ''}</button>`
          : html`<button type="button" onClick=${() => setPaused(true)} disabled=${!running}>Pause</button>`
      }
      <button type="button" onClick=${copy} disabled=${shown.length === 0}>Copy as JSON</button>
      <button type="button" onClick=${() => setRecords([])} disabled=${records.length === 0}>Clear</button>
      <span class="muted small" role="status">${copied}</span>
    </div>
    <p class="muted small">${shown.length} of ${records.length} records shown (the last ${KEEP} are kept).</p>
    <div class="table-wrap">
      <table class="records" data-testid="records">
        <thead><tr><th scope="col">Time</th><th scope="col">Level</th><th scope="col">Instance</th>
          <th scope="col">Logger</th><th scope="col">Message</th></tr></thead>
        <tbody>
          ${shown
            .slice(-500)
            .reverse()
            .map(
              (r) => html`<tr key=${r.seq} data-level=${r.level}>
                <td class="nowrap">${r.time ? clock(r.time) : ''}</td>
                <td><span class=${`level level-${r.level}`}>${r.level}</span></td>
                <td><code>${r.instance}</code></td>
                <td><code>${r.logger || '(root)'}</code></td>
                <td class="msg">${r.msg}${Object.keys(r.rest).length ? html` <span class="muted small">${attributesText(r)}</span>` : null}</td>
              </tr>`,
            )}
        </tbody>
      </table>
    </div>
  <//>`
}
