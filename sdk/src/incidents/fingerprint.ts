import { fnv1a } from '../core/index.js'

/** Stack frames that say where an error came from, without line/column noise that moves with every build. */
const FRAMES = 3

/** The first frames of a stack, as `function (file)`, with line and column numbers removed. */
export function topFrames(stack: string | undefined): string[] {
  if (!stack) return []
  return stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at ') && !line.includes('node:internal'))
    .slice(0, FRAMES)
    .map((line) => line.replace(/:\d+:\d+\)?$/, '').replace(/^at /, ''))
}

/**
 * The fingerprint of an incident: equal for occurrences of the same failure
 * (kind, name, error class, where it was thrown), different otherwise. The
 * message is used only when there is no stack, since messages often carry ids.
 */
export function fingerprint(
  kind: string,
  name: string,
  error: { type: string; message: string; stack?: string },
): string {
  const frames = topFrames(error.stack)
  const where = frames.length > 0 ? frames.join('|') : error.message
  return fnv1a(`${kind}\u0000${name}\u0000${error.type}\u0000${where}`)
}

/** An error-like value in the shape incidents carry. */
export function describeError(value: unknown): { type: string; message: string; stack: string } {
  if (value instanceof Error) {
    return { type: value.name || value.constructor?.name || 'Error', message: value.message, stack: value.stack ?? '' }
  }
  const message = typeof value === 'string' ? value : safeJson(value)
  return { type: typeof value === 'object' && value !== null ? 'Object' : typeof value, message, stack: '' }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 1_000) ?? String(value)
  } catch {
    return String(value)
  }
}
