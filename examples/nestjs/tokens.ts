/**
 * Injection tokens. The example is compiled without `emitDecoratorMetadata`
 * (esbuild, which tsx uses, does not emit it), so Nest cannot read
 * constructor parameter types: every injected parameter names its token.
 */

/** The service's prodbench instance (`init(...)`). */
export const PRODBENCH = Symbol('prodbench')
/** The {@link OrdersStore}. */
export const ORDERS = Symbol('orders')
