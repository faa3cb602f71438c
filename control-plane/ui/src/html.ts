import htm from 'htm'
import { h } from 'preact'

/** Preact templates as tagged template literals: no JSX, no build step beyond bundling. */
export const html = htm.bind(h)
