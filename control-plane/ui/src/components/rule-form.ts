import { LEVELS } from '@prodbench/sdk/core'
import { useState } from 'preact/hooks'
import { html } from '../html.js'
import { ApiError } from '../lib/api.js'
import { buildSpec, type FieldErrors, type FormKind, fieldOf, type RuleFormValues } from '../lib/rule-spec.js'
import type { ChangeResponse } from '../lib/types.js'

const AUTHOR_KEY = 'prodbench.author'

/** Props of {@link RuleForm}. */
export interface RuleFormProps {
  service: string
  /** Live instances, for the instance choice. */
  instances: string[]
  /** Logger names the instances reported, suggested while typing. */
  loggers: string[]
  /** Histogram metric names, suggested for captures. */
  metrics: string[]
  /** Sends the rule; the form shows the server's field error if it refuses. */
  onSubmit(kind: FormKind, spec: Record<string, unknown>, author: string): Promise<ChangeResponse>
}

const INITIAL: RuleFormValues = {
  kind: 'level',
  logger: '',
  instance: '',
  where: '',
  level: 'debug',
  rate: '0.1',
  metric: '',
  interval: '1s',
  ttl: '15m',
  reason: '',
}

/** Creates a level, sampling or capture rule with a TTL and a reason; checked here and by the server. */
export function RuleForm({ service, instances, loggers, metrics, onSubmit }: RuleFormProps) {
  const [values, setValues] = useState<RuleFormValues>(INITIAL)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [author, setAuthor] = useState(() => localStorage.getItem(AUTHOR_KEY) ?? '')

  const set = (field: keyof RuleFormValues) => (event: Event) => {
    const value = (event.target as HTMLInputElement).value
    setValues((v) => ({ ...v, [field]: value }))
    setErrors((e) => ({ ...e, [field]: undefined }))
  }

  const submit = async (event: Event) => {
    event.preventDefault()
    setFailure(undefined)
    const { spec, errors: found } = buildSpec(service, values)
    setErrors(found)
    if (!spec) {
      focusFirstInvalid(found)
      return
    }
    localStorage.setItem(AUTHOR_KEY, author)
    setBusy(true)
    try {
      await onSubmit(values.kind, spec, author)
      setValues((v) => ({ ...v, reason: '' }))
    } catch (err) {
      if (err instanceof ApiError && err.body.field) {
        const field = fieldOf(err.body.field.split('.'))
        setErrors({ [field]: err.body.message })
        focusFirstInvalid({ [field]: err.body.message })
      } else setFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const field = (name: keyof RuleFormValues, label: string, input: unknown, hint?: string) => html`<div class="field">
    <label for=${`f-${name}`}>${label}</label>
    ${input}
    ${hint && !errors[name] ? html`<span class="hint" id=${`f-${name}-hint`}>${hint}</span>` : null}
    ${errors[name] ? html`<span class="field-error" id=${`f-${name}-error`} role="alert">${errors[name]}</span>` : null}
  </div>`
  const attrs = (name: keyof RuleFormValues, hint?: boolean) => ({
    id: `f-${name}`,
    name,
    value: values[name],
    onInput: set(name),
    'aria-invalid': errors[name] ? 'true' : undefined,
    'aria-describedby': errors[name] ? `f-${name}-error` : hint ? `f-${name}-hint` : undefined,
  })
  const kind = values.kind
  const logLevels = LEVELS.filter((l) => kind === 'level' || l !== 'silent')

  return html`<form class="rule-form" onSubmit=${submit} noValidate aria-labelledby="new-rule-h">
    <h2 id="new-rule-h">New rule</h2>
    <fieldset class="kinds">
      <legend>Kind</legend>
      ${(['level', 'sample', 'capture'] as const).map(
        (k) => html`<label key=${k} class="radio">
          <input type="radio" name="kind" value=${k} checked=${kind === k}
            onChange=${() => setValues((v) => ({ ...v, kind: k }))} />
          ${{ level: 'Log level', sample: 'Sampling', capture: 'Histogram capture' }[k]}
        </label>`,
      )}
    </fieldset>
    <div class="grid">
      ${
        kind === 'capture'
          ? html`
        ${field(
          'metric',
          'Metric or pattern',
          html`<input ...${attrs('metric', true)} list="metric-names" required
          placeholder="http.server.duration.**" autocomplete="off" />`,
          'dotted name; * one segment, ** the rest',
        )}
        <datalist id="metric-names">${metrics.map((m) => html`<option key=${m} value=${m} />`)}</datalist>
        ${field('interval', 'Interval', html`<input ...${attrs('interval', true)} inputmode="text" />`, 'whole seconds: 1s, 10s')}`
          : html`
        ${field(
          'logger',
          'Logger',
          html`<input ...${attrs('logger', true)} list="logger-names" placeholder="all loggers"
          autocomplete="off" />`,
          'name or pattern (db, db.*); empty: all',
        )}
        <datalist id="logger-names">${loggers.map((l) => html`<option key=${l} value=${l} />`)}</datalist>
        ${field(
          'level',
          kind === 'sample' ? 'Sample records at or below' : 'Level',
          html`<select ...${attrs('level')}>${logLevels.map((l) => html`<option key=${l} value=${l}>${l}</option>`)}</select>`,
        )}
        ${
          kind === 'sample'
            ? field(
                'rate',
                'Keep rate',
                html`<input ...${attrs('rate', true)} inputmode="decimal" />`,
                'from 0 to 1: 0.1 keeps 1 in 10',
              )
            : null
        }
        ${field(
          'where',
          'Only requests where',
          html`<input ...${attrs('where', true)} placeholder="user=42, tenant=acme"
          autocomplete="off" />`,
          'request attributes; empty: every request',
        )}`
      }
      ${field(
        'instance',
        'Instance',
        html`<select ...${attrs('instance')}>
          <option value="">all instances</option>
          ${instances.map((i) => html`<option key=${i} value=${i}>${i}</option>`)}
        </select>`,
      )}
      ${field('ttl', 'Expires after', html`<input ...${attrs('ttl', true)} />`, '90s, 15m, 1h; empty: never')}
      ${field('reason', 'Reason', html`<input ...${attrs('reason')} placeholder="why (shown to everyone)" maxLength="1000" />`)}
      <div class="field">
        <label for="f-author">Author</label>
        <input id="f-author" value=${author} onInput=${(e: Event) => setAuthor((e.target as HTMLInputElement).value)}
          placeholder="your name" autocomplete="name" maxLength="200" />
      </div>
    </div>
    ${failure ? html`<p class="error" role="alert">${failure}</p>` : null}
    <div class="form-actions">
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Applying…' : kind === 'capture' ? 'Start capture' : 'Apply rule'}</button>
    </div>
  </form>`
}

function focusFirstInvalid(errors: FieldErrors): void {
  const first = Object.keys(errors).find((k) => errors[k as keyof FieldErrors])
  if (first) requestAnimationFrame(() => document.getElementById(`f-${first}`)?.focus())
}
