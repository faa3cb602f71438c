import type { Metadata } from '@grpc/grpc-js'
import type { Principal } from './principal.js'

/** The principal of each admitted gRPC call, by its metadata object (what handlers get). */
const principals = new WeakMap<Metadata, Principal>()

/** Remembers who a call is (the guard does this once it authenticated the call). */
export function setCallPrincipal(metadata: Metadata, principal: Principal): void {
  principals.set(metadata, principal)
}

/** The principal the guard admitted a call with; undefined for a call that did not pass the guard. */
export function principalOf(metadata: Metadata): Principal | undefined {
  return principals.get(metadata)
}
