/**
 * ANSI colours, or none. A disabled style returns text unchanged, so callers
 * never branch on whether colour is on.
 */

/** Text painters; each returns its input unchanged when colour is off. */
export interface Style {
  /** Whether painters add escape codes. */
  readonly enabled: boolean
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  cyan(text: string): string
}

/**
 * Colour only for a terminal, and never when the user said no (--no-color or
 * NO_COLOR, folded into `allowed` by the argument parser).
 */
export function shouldColor(allowed: boolean, isTTY: boolean | undefined): boolean {
  return allowed && isTTY === true
}

/** A style that paints with ANSI escapes when `enabled`, and is the identity otherwise. */
export function createStyle(enabled: boolean): Style {
  const paint = (open: number, close: number) =>
    enabled ? (text: string) => `\u001b[${open}m${text}\u001b[${close}m` : (text: string) => text
  return {
    enabled,
    bold: paint(1, 22),
    dim: paint(2, 22),
    red: paint(31, 39),
    green: paint(32, 39),
    yellow: paint(33, 39),
    cyan: paint(36, 39),
  }
}

/** `text` without ANSI escapes (for measuring and for tests). */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape character is the point
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}
