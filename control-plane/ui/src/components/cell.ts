import type { ComponentChildren } from 'preact'
import { html } from '../html.js'

/**
 * A table cell with its column's name: on a phone, `table.stack` rows become
 * cards and each cell shows that name beside its one content box.
 */
export function Cell({
  label,
  class: className,
  children,
}: {
  label: string
  class?: string
  children?: ComponentChildren
}) {
  return html`<td data-label=${label} class=${className}><div class="cell">${children}</div></td>`
}
