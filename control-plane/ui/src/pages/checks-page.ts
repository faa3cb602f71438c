import { useMemo, useState } from 'preact/hooks'
import { ErrorBox, Loading } from '../components/bits.js'
import { Cell } from '../components/cell.js'
import { Layout } from '../components/layout.js'
import { html } from '../html.js'
import { ApiError, apiPath, postJson } from '../lib/api.js'
import { useServerNow } from '../lib/clock.js'
import { count, measure, since, ttl } from '../lib/format.js'
import { useLiveService } from '../lib/live-service.js'
import { href } from '../lib/router.js'
import type { CheckInfo, CheckRunResponse, ErrorBody } from '../lib/types.js'

/** A run-now in flight or answered. */
interface Run {
  readonly name: string
  readonly instance?: string
  readonly answer?: CheckRunResponse
  readonly error?: ErrorBody
}

/**
 * A service's sanity checks (pb.check), live from the heartbeats: per check,
 * each instance's last result, duration, runs and failures, paused or
 * running; "Run now" runs it on every instance (or one) and shows each
 * instance's result as it answers.
 */
export function ChecksPage({ service }: { service: string }) {
  const live = useLiveService(service)
  const now = useServerNow()
  const [run, setRun] = useState<Run | undefined>()
  const byCheck = useMemo(() => {
    const map = new Map<string, Array<{ instance: string; check: CheckInfo }>>()
    for (const i of [...live.instances.values()].sort((a, b) => a.instance.localeCompare(b.instance))) {
      for (const check of i.checks ?? []) {
        const rows = map.get(check.name) ?? []
        rows.push({ instance: i.instance, check })
        map.set(check.name, rows)
      }
    }
    return [...map].sort(([a], [b]) => a.localeCompare(b))
  }, [live.instances])

  const runNow = async (name: string, instance?: string) => {
    setRun({ name, ...(instance ? { instance } : {}) })
    try {
      const answer = await postJson<CheckRunResponse>(apiPath('services', service, 'checks', name, 'run'), {
        ...(instance ? { instance } : {}),
      })
      setRun({ name, ...(instance ? { instance } : {}), answer })
    } catch (err) {
      const error = err instanceof ApiError ? err.body : { code: 'PB_INTERNAL', message: String(err) }
      setRun({ name, ...(instance ? { instance } : {}), error })
    }
  }

  return html`<${Layout} service=${service} tab="checks" connection=${live.connection}>
    <div class="page-head">
      <h1>Checks <span class="muted">· ${service}</span></h1>
      <p class="muted summary">${byCheck.length} check${byCheck.length === 1 ? '' : 's'} on ${live.instances.size} live instance${live.instances.size === 1 ? '' : 's'}</p>
    </div>
    <${ErrorBox} error=${live.connection === 'failed' ? live.error : undefined} title="The service stream failed:" />
    ${run ? html`<${RunResult} run=${run} />` : null}
    ${
      !live.loaded
        ? html`<${Loading} what="the checks" />`
        : byCheck.length === 0
          ? html`<p class="muted">No instance of ${service} registered a check (<code>pb.check('db-ping', fn, { every: '1m' })</code>).</p>`
          : byCheck.map(
              ([name, rows]) => html`<section key=${name} aria-labelledby=${`check-${name}`} data-check=${name}>
          <div class="section-head">
            <h2 id=${`check-${name}`}><code>${name}</code></h2>
            <button type="button" class="primary" disabled=${run !== undefined && !run.answer && !run.error}
              onClick=${() => runNow(name)}>Run ${name} now</button>
          </div>
          <div class="table-wrap">
            <table class="checks stack">
              <thead><tr>
                <th scope="col">Instance</th><th scope="col">Last result</th><th scope="col">Duration</th>
                <th scope="col">Last run</th><th scope="col">Runs / failures</th><th scope="col">Schedule</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr></thead>
              <tbody>
                ${rows.map(
                  ({ instance, check }) => html`<tr key=${instance} data-instance=${instance}>
                  <${Cell} label="Instance"><a href=${href(['services', service, 'instances', instance])}><code>${instance}</code></a><//>
                  <${Cell} label="Last result">${
                    check.running
                      ? html`<span class="badge badge-late">running</span>`
                      : !check.last?.at
                        ? html`<span class="muted">not run yet</span>`
                        : check.last.ok
                          ? html`<span class="badge badge-ok">ok</span>`
                          : html`<span class="badge badge-refused">failed</span>`
                  }${check.last?.error ? html`<div class="small warn-text">${check.last.error}</div>` : null}<//>
                  <${Cell} label="Duration">${check.last?.at ? measure(check.last.durationMs ?? 0, 'ms') : '–'}<//>
                  <${Cell} label="Last run">${check.last?.at ? since(now - check.last.at) : '–'}${
                    check.last?.trigger === 'request' ? html` <span class="muted small">(run now)</span>` : null
                  }<//>
                  <${Cell} label="Runs / failures">${count(check.runs ?? 0)} / <span class=${check.failures ? 'warn-text' : ''}>${count(check.failures ?? 0)}</span><//>
                  <${Cell} label="Schedule">${
                    check.paused
                      ? html`<span class="badge badge-late">paused</span>`
                      : `every ${ttl(check.everyMs ?? 0)}`
                  }${check.ruleId ? html` <a class="small" href=${href(['services', service, 'rules', check.ruleId])}>by rule</a>` : null}<//>
                  <td class="actions"><button type="button" class="small-button" aria-label=${`Run ${name} on ${instance}`}
                    onClick=${() => runNow(name, instance)}>Run here</button></td>
                </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </section>`,
            )
    }
  <//>`
}

/** Each instance's answer to a run-now, and who did not answer in time. */
function RunResult({ run }: { run: Run }) {
  const where = run.instance ? `on ${run.instance}` : 'on every live instance'
  return html`<section class="rollout" aria-labelledby="run-h" data-testid="check-run">
    <h2 id="run-h" class="h3">Run <code>${run.name}</code> now ${where}</h2>
    <div role="status" aria-live="polite">
      ${
        run.error
          ? html`<${ErrorBox} error=${run.error} title="Not run:" />`
          : !run.answer
            ? html`<p>running…</p>`
            : html`<ul class="run-results">
              ${run.answer.results.map(
                (r) => html`<li key=${r.instance} data-instance=${r.instance} data-ok=${String(r.result?.ok ?? false)}>
                  <code>${r.instance}</code>: ${
                    r.error
                      ? html`<span class="warn-text">did not run: ${r.error}</span>`
                      : r.result?.ok
                        ? html`<span class="ok-text">ok</span> in ${measure(r.result.durationMs, 'ms')}`
                        : html`<span class="warn-text">failed</span> in ${measure(r.result?.durationMs ?? 0, 'ms')}: ${r.result?.error}`
                  }</li>`,
              )}
              ${run.answer.missing.map(
                (m) =>
                  html`<li key=${m} data-instance=${m}><code>${m}</code>: <span class="warn-text">no answer in time</span></li>`,
              )}
            </ul>`
      }
    </div>
  </section>`
}
