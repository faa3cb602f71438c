import type * as grpc from '@grpc/grpc-js'
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js'
import { type ControlPlaneClient, grpcPackage } from '@prodbench/proto'

type Unary = (req: unknown, md: Metadata, cb: (err: ServiceError | null, res?: unknown) => void) => unknown
type Call<C, K extends keyof C> = C[K] extends (req: infer Req, cb: grpc.requestCallback<infer Res>) => unknown
  ? (req: Req) => Promise<Res>
  : never
const METHODS = [
  'setRule',
  'removeRules',
  'listRules',
  'listServices',
  'listInstances',
  'getStatus',
  'getHistogram',
  'listMetrics',
  'dump',
  'listIncidents',
  'getIncident',
  'updateIncident',
  'openIncident',
  'listChecks',
  'runCheck',
  'inspect',
] as const
type Promised = { [K in (typeof METHODS)[number]]: Call<ControlPlaneClient, K> } & {
  /** The raw server stream of WatchHistogram (cancel() it when done). */
  watchHistogram: ControlPlaneClient['watchHistogram']
  /** The raw server stream of WatchMetrics (cancel() it when done). */
  watchMetrics: ControlPlaneClient['watchMetrics']
}

/** A real grpc-js client of the control plane with promise methods, closed when the test ends. */
export function controlPlaneClient(
  address: string,
  t?: { after(fn: () => void): void },
  author = 'tester@test',
): Promised & { close(): void } {
  const client = new grpcPackage.prodbench.v1.ControlPlane(address, credentials.createInsecure())
  t?.after(() => client.close())
  const wrapped: Record<string, unknown> = {
    close: () => client.close(),
    watchHistogram: client.watchHistogram.bind(client),
    watchMetrics: client.watchMetrics.bind(client),
  }
  for (const name of METHODS) {
    const call = (client[name] as unknown as Unary).bind(client)
    wrapped[name] = (req: unknown) =>
      new Promise((resolve, reject) => {
        const md = new Metadata()
        md.set('x-prodbench-author', author)
        call(req, md, (err, res) => (err ? reject(err) : resolve(res)))
      })
  }
  return wrapped as Promised & { close(): void }
}
