import { useMemo, useState } from 'preact/hooks'
import { ErrorBox, Loading } from '../components/bits.js'
import { InstancesTable } from '../components/instances-table.js'
import { Layout } from '../components/layout.js'
import { LevelsView } from '../components/levels-view.js'
import { type Change, RolloutPanel } from '../components/rollout-panel.js'
import { RulesTable } from '../components/rules-table.js'
import { html } from '../html.js'
import { ApiError, apiPath, deleteJson, postJson } from '../lib/api.js'
import { useServerNow } from '../lib/clock.js'
import { plural } from '../lib/format.js'
import { lazy } from '../lib/lazy.js'
import { useLiveService } from '../lib/live-service.js'
import type { FormKind } from '../lib/rule-spec.js'
import { describeAction, describeSelector } from '../lib/rules-text.js'
import type { ChangeResponse, ErrorBody, Rule } from '../lib/types.js'

/** The form carries the core's zod schemas: loaded after the page shows its data. */
const RuleForm = lazy('the rule form', () => import('../components/rule-form.js').then((m) => m.RuleForm))

/** Props: the service, and what a deep link points at. */
export interface ServicePageProps {
  service: string
  /** `#/services/<svc>/rules/<id>`: the rule to show. */
  ruleId?: string | undefined
  /** `#/services/<svc>/instances/<id>`: the instance to show. */
  instance?: string | undefined
}

/**
 * One service: its rules (author, reason, expiry countdown, remove), a form
 * for a new level / sampling / capture rule, the rollout of the last change
 * instance by instance, the effective levels per logger and instance with
 * their provenance, and the live instances.
 */
export function ServicePage({ service, ruleId, instance }: ServicePageProps) {
  const live = useLiveService(service)
  const [change, setChange] = useState<Change | undefined>()
  const [removeError, setRemoveError] = useState<ErrorBody | undefined>()
  const [busy, setBusy] = useState(false)
  const now = useServerNow()

  const instances = useMemo(
    () => [...live.instances.values()].sort((a, b) => a.instance.localeCompare(b.instance)),
    [live.instances],
  )
  // Expired rules leave the list when their countdown ends; their instances revert on their own timers.
  const rules = live.rules.filter((r) => !r.expiresAt || r.expiresAt > now)
  const loggers = useMemo(
    () => [...new Set(instances.flatMap((i) => i.levels.map((l) => l.logger)).filter(Boolean))].sort(),
    [instances],
  )
  const metrics = useMemo(
    () =>
      [...new Set(instances.flatMap((i) => i.metrics.filter((m) => m.kind === 'histogram').map((m) => m.name)))].sort(),
    [instances],
  )

  const create = async (kind: FormKind, spec: Record<string, unknown>, author: string) => {
    const title = `New ${kind === 'capture' ? 'capture' : 'rule'}: ${describeAction(spec as unknown as Rule)}`
    setChange({ title, revision: undefined })
    const path = apiPath('services', service, kind === 'capture' ? 'captures' : 'rules')
    try {
      const answer = await postJson<ChangeResponse>(path, { rule: spec, author })
      const rule = answer.rules[0]
      setChange({
        title: rule ? `Added ${rule.id}: ${describeAction(rule)}, ${describeSelector(rule)}` : title,
        revision: answer.rollout.revision,
        rollout: answer.rollout,
      })
      return answer
    } catch (err) {
      setChange(undefined)
      throw err
    }
  }

  const remove = async (rule: Rule) => {
    setBusy(true)
    setRemoveError(undefined)
    const kind = rule.capture ? 'captures' : 'rules'
    try {
      const answer = await deleteJson<ChangeResponse>(apiPath('services', service, kind, rule.id))
      setChange({
        title: `Removed ${rule.id}: ${describeAction(rule)}`,
        revision: answer.rollout.revision,
        rollout: answer.rollout,
      })
    } catch (err) {
      setRemoveError(err instanceof ApiError ? err.body : { code: 'PB_INTERNAL', message: String(err) })
    } finally {
      setBusy(false)
    }
  }

  const missingRule = ruleId && live.loaded && !rules.some((r) => r.id === ruleId)
  return html`<${Layout} service=${service} tab="overview" connection=${live.connection}>
    <div class="page-head">
      <h1>${service}</h1>
      <p class="muted summary">
        revision ${live.revision} · ${plural(instances.length, 'live instance')} · ${plural(rules.length, 'rule')}
      </p>
    </div>
    <${ErrorBox} error=${live.connection === 'failed' ? live.error : undefined} title="The service stream failed:" />
    ${
      !live.loaded
        ? html`<${Loading} what=${service} />`
        : html`
      <div class="columns">
        <div class="col-main">
          <section aria-labelledby="rules-h">
            <h2 id="rules-h">Rules</h2>
            ${
              missingRule
                ? html`<p class="notice" role="status">Rule <code>${ruleId}</code> is not in force: it expired or was removed.</p>`
                : null
            }
            <${ErrorBox} error=${removeError} title="Not removed:" />
            <${RulesTable} service=${service} rules=${rules} selected=${ruleId} onRemove=${remove} busy=${busy} />
          </section>
          ${change ? html`<${RolloutPanel} change=${change} instances=${instances} />` : null}
          <section aria-labelledby="levels-h">
            <h2 id="levels-h">Effective levels${instance ? html` on <code>${instance}</code>` : null}</h2>
            <${LevelsView} service=${service} instances=${instances} focus=${instance} />
          </section>
        </div>
        <div class="col-side">
          <${RuleForm} service=${service} instances=${instances.map((i) => i.instance)} loggers=${loggers}
            metrics=${metrics} onSubmit=${create} />
        </div>
      </div>
      <section aria-labelledby="instances-h">
        <h2 id="instances-h">Instances</h2>
        <${InstancesTable} service=${service} instances=${instances} revision=${live.revision} selected=${instance} />
      </section>`
    }
  <//>`
}
