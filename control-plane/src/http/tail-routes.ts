import { InvalidArgumentError } from '../errors.js'
import { parseDump, parseTail } from '../grpc/requests.js'
import type { GatewayDeps } from './gateway-deps.js'
import { queryInt, queryString } from './query-params.js'
import type { Route } from './router.js'
import { authorOf } from './rule-routes.js'

/**
 * Log records over HTTP: Tail as a Server-Sent Events stream and Dump as
 * JSON, both needing the `tail` permission (they show log content).
 *
 * `/events/services/:service/tail?instance=&logger=&level=&where=user%3D42&ttlMs=&maxPerSec=`:
 * a `tail` event {tailId}, then `records` {instance, records (pino JSON
 * lines), dropped}, and `end` {ended: "ttl" | "removed"} when the tail ends
 * by itself. Leaving (closing the page) ends the tail and removes its rule.
 */
export function tailRoutes({ api, openStream }: GatewayDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/events/services/:service/tail',
      permission: 'tail',
      handle: async ({ params, query, request, response, principal }) => {
        const input = parseTail({
          selector: {
            service: params.service ?? '',
            instance: queryString(query, 'instance') ?? '',
            logger: queryString(query, 'logger') ?? '',
            where: whereOf(query),
          },
          level: queryString(query, 'level') ?? '',
          ttlMs: queryInt(query, 'ttlMs') ?? 0,
          maxPerSec: queryInt(query, 'maxPerSec') ?? 0,
          reason: queryString(query, 'reason') ?? '',
        })
        const viewer = new AbortController()
        const stream = openStream(response)
        stream.onClose(() => viewer.abort())
        const session = await api.tail(input, authorOf(request, {}, principal), viewer.signal)
        // Ending the iteration (break, or the viewer gone) closes the session, which removes the tail's rule.
        for await (const event of session) {
          if (stream.closed) break
          const ok = event.ended
            ? stream.send('end', { ended: event.ended })
            : event.instance
              ? stream.send('records', {
                  instance: event.instance,
                  records: event.records ?? [],
                  dropped: event.dropped ?? 0,
                })
              : stream.send('tail', { tailId: event.tailId, rule: session.rule })
          // The session's own bounded queue holds (and counts) what a slow viewer cannot take yet.
          if (!ok && !stream.closed)
            await new Promise<void>((resolve) => {
              stream.onDrain(resolve)
              stream.onClose(resolve)
            })
        }
        stream.close()
        return undefined
      },
    },
    {
      method: 'GET',
      path: '/api/v1/services/:service/dump',
      permission: 'tail',
      handle: async ({ params, query }) =>
        api.dump(
          parseDump({
            service: params.service ?? '',
            instance: queryString(query, 'instance') ?? '',
            last: queryInt(query, 'last') ?? 0,
            where: whereOf(query),
            logger: queryString(query, 'logger') ?? '',
            level: queryString(query, 'level') ?? '',
            waitMs: queryInt(query, 'waitMs') ?? 0,
          }),
        ),
    },
  ]
}

/** `where=user=42&where=tenant=acme` → `{ user: "42", tenant: "acme" }`. */
function whereOf(query: URLSearchParams): Record<string, string> {
  const where: Record<string, string> = {}
  for (const pair of query.getAll('where')) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new InvalidArgumentError('where', `must be name=value (got ${JSON.stringify(pair)})`)
    where[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return where
}
