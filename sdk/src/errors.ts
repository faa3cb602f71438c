/**
 * Errors of @prodbench/sdk. Only `init` throws (bad options); after init the
 * SDK reports problems through diagnostics and never throws into the host.
 * Codes are stable and listed in docs/errors.md.
 */

/** Base class: every SDK error has a stable `code`. */
export class ProdbenchSdkError extends Error {
  override name = 'ProdbenchSdkError'
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** `init` was given options it cannot use; `field` names the option. */
export class InvalidOptionsError extends ProdbenchSdkError {
  override name = 'InvalidOptionsError'
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('PB_SDK_OPTIONS', message)
  }
}

/** A desired state the instance refused (bad bytes or schema); the last good config stays. */
export class RejectedStateError extends ProdbenchSdkError {
  override name = 'RejectedStateError'
  constructor(
    readonly revision: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('PB_SDK_REJECTED_STATE', message, options)
  }
}
