import { html } from '../html.js'
import { href } from '../lib/router.js'
import type { InstanceDetail, LevelSource } from '../lib/types.js'
import { Countdown } from './bits.js'
import { Cell } from './cell.js'

interface Group {
  level: string
  source: LevelSource | undefined
  instances: string[]
}

/**
 * Effective levels per logger, per instance, with provenance: for each
 * logger, the instances grouped by (level, rule), each group naming the rule,
 * its author and its expiry, or "code default".
 */
export function LevelsView({
  service,
  instances,
  focus,
}: {
  service: string
  instances: InstanceDetail[]
  focus?: string | undefined
}) {
  const shown = focus ? instances.filter((i) => i.instance === focus) : instances
  const byLogger = new Map<string, Map<string, Group>>()
  for (const instance of shown) {
    for (const { logger, level, source } of instance.levels) {
      let groups = byLogger.get(logger)
      if (!groups) {
        groups = new Map()
        byLogger.set(logger, groups)
      }
      const key = `${level}\u0000${source?.ruleId ?? ''}`
      let group = groups.get(key)
      if (!group) {
        group = { level, source, instances: [] }
        groups.set(key, group)
      }
      group.instances.push(instance.instance)
    }
  }
  const loggers = [...byLogger.keys()].sort()
  if (loggers.length === 0) return html`<p class="muted">No logger reported yet.</p>`
  return html`<div class="table-wrap">
    <table class="levels stack" data-testid="levels">
      <thead>
        <tr>
          <th scope="col">Logger</th>
          <th scope="col">Level</th>
          <th scope="col">On</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        ${loggers.flatMap((logger) =>
          [...(byLogger.get(logger)?.values() ?? [])].map(
            (
              g,
              n,
            ) => html`<tr key=${`${logger}/${g.level}/${g.source?.ruleId ?? ''}`} data-logger=${logger || '(root)'}>
              ${n === 0 ? html`<th scope="row" rowSpan=${byLogger.get(logger)?.size}><code>${logger || '(root)'}</code></th>` : null}
              <${Cell} label="Level"><span class=${`level level-${g.level}`}>${g.level}</span><//>
              <${Cell} label="On">${onWhich(g.instances, shown.length)}<//>
              <${Cell} label="Why">${why(service, g.source)}<//>
            </tr>`,
          ),
        )}
      </tbody>
    </table>
  </div>`
}

function onWhich(instances: string[], total: number): string {
  if (instances.length === total) return total === 1 ? (instances[0] ?? '') : `all ${total}`
  if (instances.length <= 4) return instances.join(', ')
  return `${instances.length} of ${total}`
}

function why(service: string, source: LevelSource | undefined) {
  if (!source?.ruleId) return html`<span class="muted">code default</span>`
  return html`<a href=${href(['services', service, 'rules', source.ruleId])}><code>${source.ruleId}</code></a>
    ${source.author ? html` by ${source.author}` : null}
    ${source.expiresAt ? html`, expires in <${Countdown} at=${source.expiresAt} />` : null}
    ${source.reason ? html`<div class="muted small">${source.reason}</div>` : null}`
}
