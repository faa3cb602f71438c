import { useEffect, useState } from 'preact/hooks'
import { apiPath } from './api.js'
import { openEventStream } from './event-stream.js'
import type { ErrorBody, HistogramWindow } from './types.js'

/** Windows kept in the page (the chart's span). */
export const KEEP_WINDOWS = 300
/** Windows the control plane sends first, so the chart is not empty on open. */
const BACKLOG = 120

/** A capture's windows as the page keeps them. */
export interface HistogramState {
  /** Merged windows, oldest first. */
  readonly merged: HistogramWindow[]
  /** Per-instance windows (when asked), oldest first per instance. */
  readonly perInstance: ReadonlyMap<string, HistogramWindow[]>
  readonly state: 'connecting' | 'open' | 'retrying' | 'failed' | 'ended'
  readonly error?: ErrorBody
}

/**
 * Follows `/api/v1/events/services/<svc>/histograms/<metric>` (WatchHistogram):
 * the recent windows, then each one as it closes, merged across instances and,
 * when `perInstance`, one per instance.
 */
export function useLiveHistogram(
  service: string,
  metric: string | undefined,
  captureId: string | undefined,
  perInstance: boolean,
  restart: number,
): HistogramState {
  const [state, setState] = useState<HistogramState>(empty('connecting'))
  useEffect(() => {
    if (!metric) return
    setState(empty('connecting'))
    const query = new URLSearchParams({ backlog: String(BACKLOG), perInstance: String(perInstance) })
    if (captureId) query.set('capture', captureId)
    return openEventStream(`${apiPath('events', 'services', service, 'histograms', metric)}?${query}`, {
      onEvent(event, data) {
        if (event !== 'window') return
        const w = data as HistogramWindow
        setState((s) => {
          if (!w.instance) return { ...s, merged: append(s.merged, w) }
          const perInstance = new Map(s.perInstance)
          perInstance.set(w.instance, append(perInstance.get(w.instance) ?? [], w))
          return { ...s, perInstance }
        })
      },
      onState(connection, error) {
        setState((s) => ({ ...s, state: connection, ...(error ? { error } : {}) }))
      },
    })
  }, [service, metric, captureId, perInstance, restart])
  return state
}

function append(windows: HistogramWindow[], w: HistogramWindow): HistogramWindow[] {
  const kept = windows.filter((x) => x.endMs !== w.endMs)
  kept.push(w)
  kept.sort((a, b) => a.endMs - b.endMs)
  return kept.length > KEEP_WINDOWS ? kept.slice(-KEEP_WINDOWS) : kept
}

function empty(state: HistogramState['state']): HistogramState {
  return { merged: [], perInstance: new Map(), state }
}
