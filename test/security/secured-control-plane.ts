import { readFile } from 'node:fs/promises'
import type { TestContext } from 'node:test'
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js'
import {
  type ChangeResponse,
  type DumpInstancesRequest,
  type DumpResponse,
  grpcPackage,
  type IncidentMessage,
  type ListIncidentsResponse,
  type SetRuleRequest,
  type TailRequest,
} from '@prodbench/proto'
import { main } from '../../control-plane/src/ctl/main.js'
import { type ControlPlane, type ControlPlaneOptions, startControlPlane } from '../../control-plane/src/index.js'
import { memoryIo } from '../../control-plane/test/fixtures/ctl-io.js'
import { type SecuredNats, startSecuredNats } from '../helpers/secured-nats.js'

/** A control plane requiring tokens, on a nats-server secured with the generated config. */
export interface SecuredControlPlane {
  readonly nats: SecuredNats
  readonly cp: ControlPlane
  /** The admin token the first start wrote to `<dir>/admin.token`. */
  readonly adminToken: string
  readonly warnings: string[]
  /** Runs ctl in-process against the control plane with `token` (none: no PRODBENCH_TOKEN). */
  ctl(args: string[], token?: string): Promise<{ code: number; out: string; err: string }>
}

/** Starts it; everything is closed when the test ends. */
export async function startSecuredControlPlane(
  t: Pick<TestContext, 'after'>,
  options: ControlPlaneOptions = {},
): Promise<SecuredControlPlane> {
  const nats = await startSecuredNats(t)
  const warnings: string[] = []
  const cp = await startControlPlane({
    nats: nats.url,
    natsCredentials: nats.controlPlane,
    grpc: '127.0.0.1:0',
    dataDir: nats.dir,
    onWarning: (message) => warnings.push(message),
    ...options,
    security: { auth: 'tokens', ...options.security },
  })
  t.after(() => cp.close())
  const file = cp.security.adminToken?.file
  if (!file) throw new Error('no admin token was written')
  const adminToken = (await readFile(file, 'utf8')).trim()
  return {
    nats,
    cp,
    adminToken,
    warnings,
    async ctl(args, token) {
      const { io, captured } = memoryIo({
        env: { PRODBENCH_CONFIG: '/nonexistent/prodbench.json', ...(token ? { PRODBENCH_TOKEN: token } : {}) },
        now: Date.now,
      })
      const code = await main(['--server', cp.grpcAddress, ...args], io)
      return { code, out: captured.out, err: captured.err }
    },
  }
}

/** Creates a token with ctl (as admin) and returns it. */
export async function createToken(
  plane: SecuredControlPlane,
  name: string,
  role: string,
  services?: string,
): Promise<string> {
  const args = ['token', 'create', '--name', name, '--role', role, ...(services ? ['--services', services] : [])]
  const result = await plane.ctl(args, plane.adminToken)
  if (result.code !== 0) throw new Error(`token create failed: ${result.err}`)
  return result.out.trim()
}

/** A raw gRPC client that sends `token` (none: no authorization), closed when the test ends. */
export function grpcAs(plane: SecuredControlPlane, token: string | undefined, t: Pick<TestContext, 'after'>) {
  const client = new grpcPackage.prodbench.v1.ControlPlane(plane.cp.grpcAddress, credentials.createInsecure())
  t.after(() => client.close())
  const metadata = () => {
    const md = new Metadata()
    md.set('x-prodbench-author', 'tester@test')
    if (token) md.set('authorization', `Bearer ${token}`)
    return md
  }
  const unary =
    <Req, Res>(method: (req: Req, md: Metadata, cb: (err: ServiceError | null, res?: Res) => void) => unknown) =>
    (request: Req) =>
      new Promise<Res>((resolve, reject) =>
        method.call(client, request, metadata(), (err, res) => (err ? reject(err) : resolve(res as Res))),
      )
  return {
    setRule: unary(client.SetRule as never) as (request: SetRuleRequest) => Promise<ChangeResponse>,
    dump: unary(client.Dump as never) as (request: Partial<DumpInstancesRequest>) => Promise<DumpResponse>,
    listIncidents: unary(client.ListIncidents as never) as (request: {
      service?: string
    }) => Promise<ListIncidentsResponse>,
    getIncident: unary(client.GetIncident as never) as (request: { id: string }) => Promise<IncidentMessage>,
    /** Opens a Tail stream; cancel it when done. */
    tail: (request: Partial<TailRequest>) => client.Tail(request, metadata()),
  }
}
