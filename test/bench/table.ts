/** A printed benchmark table: a title, aligned columns, notes under it. */
export interface Table {
  /** Printed above the table. */
  title: string
  /** Column headers. */
  columns: string[]
  /**
   * How many leading columns hold text (left-aligned); the rest are numbers (right-aligned).
   * @default 1
   */
  textColumns?: number
  /** One array of cells per row, already formatted. */
  rows: string[][]
  /** Lines printed under the table (what was measured, goals). */
  notes?: string[]
}

/** Renders a table as a GitHub-flavoured markdown table, readable in a terminal too. */
export function renderTable(table: Table): string {
  const widths = table.columns.map((header, i) =>
    Math.max(header.length, ...table.rows.map((row) => (row[i] ?? '').length)),
  )
  const text = table.textColumns ?? 1
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i < text ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => `${'-'.repeat(w + 1)}${i < text ? '-' : ':'}`).join('|')}|`
  const out = [`### ${table.title}`, '', line(table.columns), rule, ...table.rows.map(line)]
  if (table.notes?.length) out.push('', ...table.notes.map((note) => `- ${note}`))
  return out.join('\n')
}

/** Formats a number with a fixed count of decimals, or '-' when not finite. */
export function fmt(value: number, decimals = 1): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '-'
}
