/**
 * Redrawing a live view in place on a terminal (`hist watch`, `watch`):
 * cursor home, each line clears its old tail, the end clears what is left
 * below. Nothing is erased first, so the screen never flickers.
 */

const HOME = '\u001b[H'
const CLEAR_LINE = '\u001b[K'
const CLEAR_DOWN = '\u001b[J'

/** The escape-wrapped text that replaces the screen with `lines`. */
export function screenFrame(lines: readonly string[]): string {
  return `${HOME}${lines.map((line) => line + CLEAR_LINE).join('\n')}\n${CLEAR_DOWN}`
}
