import { credentials, Metadata } from '@grpc/grpc-js'
import { type ChangeResponse, type ControlPlaneClient, grpcPackage, type ListInstancesResponse } from '@prodbench/proto'
import type { Level } from '@prodbench/sdk'

/** The two control-plane calls the propagation benchmark makes, as promises. */
export class BenchControlClient {
  readonly #client: ControlPlaneClient
  readonly #metadata = new Metadata()

  constructor(address: string) {
    this.#client = new grpcPackage.prodbench.v1.ControlPlane(address, credentials.createInsecure())
    this.#metadata.set('x-prodbench-author', 'bench')
  }

  /** SetRule: `logger` of every instance of `service` at `level`, waiting up to `waitMs` for acks. */
  setLevel(service: string, logger: string, level: Level, waitMs: number): Promise<ChangeResponse> {
    return new Promise((resolve, reject) => {
      this.#client.setRule(
        { rule: { selector: { service, logger }, level, reason: 'benchmark' }, waitMs },
        this.#metadata,
        { deadline: Date.now() + waitMs + 10_000 },
        (err, response) => (err || !response ? reject(err ?? new Error('SetRule: empty response')) : resolve(response)),
      )
    })
  }

  /** ListInstances of `service`. */
  listInstances(service: string): Promise<ListInstancesResponse> {
    return new Promise((resolve, reject) => {
      this.#client.listInstances({ service }, this.#metadata, { deadline: Date.now() + 10_000 }, (err, response) =>
        err || !response ? reject(err ?? new Error('ListInstances: empty response')) : resolve(response),
      )
    })
  }

  /** Closes the channel. Idempotent (grpc-js allows closing twice). */
  close(): void {
    this.#client.close()
  }
}
