import { html } from '../html.js'
import type { InstanceDetail, Rollout } from '../lib/types.js'

/** A change in flight or done: what it was, the revision once known, the server's rollout once answered. */
export interface Change {
  /** "Added r-1 (level debug, logger db)". */
  readonly title: string
  /** The revision written; undefined until the control plane answered. */
  readonly revision: number | undefined
  /** The control plane's answer (all applied, or what was pending when its wait ended). */
  readonly rollout?: Rollout
}

/**
 * A rollout instance by instance, live: each live instance is pending until
 * its ack or heartbeat says it applied the revision (or refused it); the
 * service stream delivers those as they arrive.
 */
export function RolloutPanel({ change, instances }: { change: Change; instances: InstanceDetail[] }) {
  const { revision, rollout } = change
  const states = instances.map((i) => ({
    instance: i.instance,
    state:
      revision === undefined
        ? 'pending'
        : i.appliedRevision >= revision
          ? 'applied'
          : i.refusal && i.refusal.revision >= revision
            ? 'refused'
            : 'pending',
  }))
  const applied = states.filter((s) => s.state === 'applied').length
  const refused = states.filter((s) => s.state === 'refused').length
  const done = revision !== undefined && applied + refused === states.length
  return html`<section class="rollout" aria-labelledby="rollout-h" data-testid="rollout">
    <h2 id="rollout-h" class="h3">${change.title}</h2>
    <p role="status" aria-live="polite" data-testid="rollout-summary">
      ${
        revision === undefined
          ? 'writing the change…'
          : done
            ? html`<strong class=${refused ? 'warn-text' : 'ok-text'}>Revision ${revision} applied on ${applied}/${states.length} instances</strong>${
                rollout ? ` in ${rollout.elapsedMs} ms` : ''
              }${refused ? `, refused by ${refused}` : ''}`
            : html`Revision ${revision}: applied on ${applied}/${states.length}, waiting for ${states.length - applied - refused}…`
      }
    </p>
    <ul class="chips" aria-label="Instances">
      ${states.map(
        (s) => html`<li key=${s.instance} class=${`chip chip-${s.state}`} data-state=${s.state}>
          <span aria-hidden="true">${s.state === 'applied' ? '✓' : s.state === 'refused' ? '✗' : '…'}</span>
          ${s.instance} <span class="visually-hidden">${s.state}</span>
        </li>`,
      )}
    </ul>
  </section>`
}
