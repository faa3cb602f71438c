import { useEffect, useState } from 'preact/hooks'
import { html } from '../html.js'
import { clock } from '../lib/format.js'
import { href } from '../lib/router.js'
import { describeAction, describeSelector } from '../lib/rules-text.js'
import type { Rule } from '../lib/types.js'
import { Countdown } from './bits.js'
import { Cell } from './cell.js'

/** Props of {@link RulesTable}. */
export interface RulesTableProps {
  service: string
  rules: Rule[]
  /** The rule a deep link points at: scrolled to, focused and marked. */
  selected?: string | undefined
  /** Removes a rule; resolves when the removal was answered. */
  onRemove(rule: Rule): Promise<void>
  busy: boolean
}

/** A service's rules with author, reason and a live expiry countdown; each can be removed (asked twice). */
export function RulesTable({ service, rules, selected, onRemove, busy }: RulesTableProps) {
  const [confirming, setConfirming] = useState<string | undefined>()
  useEffect(() => {
    if (!selected) return
    const row = document.getElementById(`rule-${selected}`)
    row?.scrollIntoView({ block: 'center' })
    row?.focus()
  }, [selected, rules.length > 0])

  if (rules.length === 0)
    return html`<p class="muted" data-testid="no-rules">No rules: every logger is at its code's level.</p>`
  return html`<div class="table-wrap">
    <table class="rules stack">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">What</th>
          <th scope="col">Who and why</th>
          <th scope="col">Expires in</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${rules.map((rule) => {
          const mark = rule.id === selected
          return html`<tr key=${rule.id} id=${`rule-${rule.id}`} tabindex=${mark ? -1 : undefined}
            class=${mark ? 'selected' : undefined} aria-current=${mark ? 'true' : undefined}>
            <${Cell} label="Rule"><a class="nowrap" href=${href(['services', service, 'rules', rule.id])}><code>${rule.id}</code></a>
              <div class="muted small">since ${clock(rule.createdAt)}</div><//>
            <${Cell} label="What">${describeAction(rule)}<div class="muted small">${describeSelector(rule)}</div><//>
            <${Cell} label="Who and why" class="reason">${rule.author}
              ${rule.reason ? html`<div class="muted small">${rule.reason}</div>` : null}<//>
            <${Cell} label="Expires in"><${Countdown} at=${rule.expiresAt} /><//>
            <td class="actions">
              ${
                confirming === rule.id
                  ? html`<button type="button" class="danger" disabled=${busy}
                        onClick=${() => onRemove(rule).finally(() => setConfirming(undefined))}>Confirm remove</button>
                      <button type="button" onClick=${() => setConfirming(undefined)}>Keep</button>`
                  : html`<button type="button" onClick=${() => setConfirming(rule.id)}
                      aria-label=${`Remove rule ${rule.id}`}>Remove</button>`
              }
            </td>
          </tr>`
        })}
      </tbody>
    </table>
  </div>`
}
