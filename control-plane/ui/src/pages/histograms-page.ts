import { useMemo, useState } from 'preact/hooks'
import { Countdown, ErrorBox, Loading } from '../components/bits.js'
import { DistributionChart, InstanceChart, LINES, PercentileChart, quantile } from '../components/histogram-charts.js'
import { Layout } from '../components/layout.js'
import { html } from '../html.js'
import { ApiError, apiPath, postJson } from '../lib/api.js'
import { metricMatches, parseDuration } from '../lib/core-lite.js'
import { clock, count, measure } from '../lib/format.js'
import { useLiveHistogram } from '../lib/live-histogram.js'
import { useLiveService } from '../lib/live-service.js'
import { href } from '../lib/router.js'
import type { ChangeResponse, ErrorBody, HistogramWindow } from '../lib/types.js'

/**
 * Histograms of one service: pick a metric, start a capture, watch the merged
 * p50/p90/p99/p99.9/max over time, the latest distribution (log-scaled), each
 * instance's p99, and download the capture as .hlog.
 */
export function HistogramsPage({ service, query }: { service: string; query: URLSearchParams }) {
  const live = useLiveService(service)
  const perInstance = query.get('perInstance') === '1'
  const instances = [...live.instances.values()]
  const metrics = useMemo(() => {
    const byName = new Map<string, string>()
    for (const i of live.instances.values()) {
      for (const m of i.metrics) if (m.kind === 'histogram') byName.set(m.name, m.unit ?? '')
    }
    return [...byName].sort(([a], [b]) => a.localeCompare(b))
  }, [live.instances])
  const metric = query.get('metric') ?? metrics[0]?.[0]
  const captures = live.rules.filter((r) => r.capture && metric && metricMatches(r.capture.metric, metric))
  const capture = captures.at(-1)
  const [restart, setRestart] = useState(0)
  const watch = useLiveHistogram(
    service,
    capture ? metric : undefined,
    capture?.id,
    perInstance,
    restart + (capture ? 1 : 0),
  )
  const latest = watch.merged.at(-1)
  const unit = latest?.unit ?? metrics.find(([m]) => m === metric)?.[1] ?? 'us'

  const go = (q: Record<string, string | undefined>) => {
    location.hash = href(['services', service, 'histograms'], {
      metric,
      perInstance: perInstance ? '1' : undefined,
      ...q,
    })
  }

  return html`<${Layout} service=${service} tab="histograms" connection=${live.connection}>
    <div class="page-head">
      <h1>Histograms <span class="muted">· ${service}</span></h1>
    </div>
    ${
      !live.loaded
        ? html`<${Loading} what="the metrics" />`
        : html`
    <div class="toolbar">
      <label class="inline">
        <span>Metric</span>
        <select value=${metric ?? ''} onChange=${(e: Event) => go({ metric: (e.target as HTMLSelectElement).value })}>
          ${metrics.length === 0 ? html`<option value="">no histogram registered</option>` : null}
          ${metrics.map(([m]) => html`<option key=${m} value=${m}>${m}</option>`)}
        </select>
      </label>
      <label class="inline check">
        <input type="checkbox" checked=${perInstance} onChange=${() => go({ perInstance: perInstance ? undefined : '1' })} />
        <span>Per instance</span>
      </label>
      ${
        capture && metric
          ? html`<a class="button" download
              href=${`${apiPath('services', service, 'histograms', metric, 'hlog')}?capture=${encodeURIComponent(capture.id)}`}
              >Download .hlog</a>`
          : null
      }
    </div>
    ${
      capture
        ? html`<p class="capture-line" data-testid="capture-line">
            Capture <a href=${href(['services', service, 'rules', capture.id])}><code>${capture.id}</code></a>${' of '}
            <code>${capture.capture?.metric}</code>${` every ${(capture.capture?.intervalMs ?? 0) / 1_000} s, by ${capture.author}, ends in `}
            <${Countdown} at=${capture.expiresAt} />${capture.reason ? ` — ${capture.reason}` : null}
          </p>`
        : metric
          ? html`<${StartCapture} service=${service} metric=${metric} onStarted=${() => setRestart((n) => n + 1)} />`
          : html`<p class="muted">No instance of ${service} registered a histogram.</p>`
    }
    ${
      capture && metric
        ? html`
      <${ErrorBox} error=${watch.state === 'failed' ? watch.error : undefined} title="The histogram stream failed:" />
      ${watch.state === 'ended' ? html`<p class="notice" role="status">The capture ended; the charts keep what it showed.</p>` : null}
      <section aria-labelledby="pct-h">
        <h2 id="pct-h">Merged percentiles of <code>${metric}</code></h2>
        ${watch.merged.length === 0 ? html`<p class="muted" aria-live="polite">Waiting for the first window to close…</p>` : null}
        <${PercentileChart} windows=${watch.merged} unit=${unit} />
      </section>
      <div class="columns two">
        <section aria-labelledby="dist-h">
          <h2 id="dist-h">Latest distribution ${latest ? html`<span class="muted small">(${clock(latest.endMs)})</span>` : null}</h2>
          <${DistributionChart} window=${latest} unit=${unit} />
        </section>
        <section aria-labelledby="latest-h">
          <h2 id="latest-h">Latest window</h2>
          <${LatestTable} window=${latest} unit=${unit} />
        </section>
      </div>
      ${
        perInstance
          ? html`<section aria-labelledby="inst-h">
              <h2 id="inst-h">p99 per instance</h2>
              <${InstanceChart} perInstance=${watch.perInstance} unit=${unit} />
            </section>`
          : null
      }`
        : null
    }
    <p class="muted small">${instances.length} live instance${instances.length === 1 ? '' : 's'}</p>`
    }
  <//>`
}

function LatestTable({ window: w, unit }: { window: HistogramWindow | undefined; unit: string }) {
  if (!w) return html`<p class="muted">No window yet.</p>`
  return html`<table class="figures" data-testid="latest-window">
    <tbody>
      <tr><th scope="row">count</th><td>${count(w.count)}</td></tr>
      <tr><th scope="row">mean</th><td>${measure(w.mean, unit)}</td></tr>
      <tr><th scope="row">min</th><td>${measure(w.min, unit)}</td></tr>
      ${LINES.map((l) => html`<tr key=${l.label}><th scope="row">${l.label}</th><td>${measure(quantile(w, l.q) ?? 0, unit)}</td></tr>`)}
      <tr><th scope="row">instances</th><td>${w.instances.join(', ') || '–'}</td></tr>
      ${w.missing.length > 0 ? html`<tr><th scope="row">missing</th><td class="warn-text">${w.missing.join(', ')}</td></tr>` : null}
    </tbody>
  </table>`
}

/** Starts a capture of the metric on every instance: interval, TTL, reason. */
function StartCapture({ service, metric, onStarted }: { service: string; metric: string; onStarted(): void }) {
  const [interval, setIntervalText] = useState('1s')
  const [ttl, setTtl] = useState('5m')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<ErrorBody | undefined>()
  const [busy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await postJson<ChangeResponse>(apiPath('services', service, 'captures'), {
        rule: {
          capture: { metric, intervalMs: parseDuration(interval) ?? 0 },
          ttlMs: parseDuration(ttl) ?? 0,
          ...(reason ? { reason } : {}),
        },
        author: localStorage.getItem('prodbench.author') ?? '',
      })
      onStarted()
    } catch (err) {
      setError(err instanceof ApiError ? err.body : { code: 'PB_INTERNAL', message: String(err) })
    } finally {
      setBusy(false)
    }
  }
  return html`<form class="toolbar start-capture" onSubmit=${submit} aria-label="Start a capture">
    <p class="muted">No capture covers <code>${metric}</code>.</p>
    <label class="inline"><span>Interval</span>
      <input size="5" value=${interval} onInput=${(e: Event) => setIntervalText((e.target as HTMLInputElement).value)} /></label>
    <label class="inline"><span>For</span>
      <input size="5" value=${ttl} onInput=${(e: Event) => setTtl((e.target as HTMLInputElement).value)} /></label>
    <label class="inline"><span>Reason</span>
      <input value=${reason} onInput=${(e: Event) => setReason((e.target as HTMLInputElement).value)} /></label>
    <button type="submit" class="primary" disabled=${busy}>${busy ? 'Starting…' : 'Start capture'}</button>
    <${ErrorBox} error=${error} title="Not started:" />
  </form>`
}
