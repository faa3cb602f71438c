import type { z } from 'zod'

/** One readable line per problem: `rules.0.level: expected one of ... (got "loud")`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(value)'
      const got = 'input' in issue && issue.input !== undefined ? ` (got ${preview(issue.input)})` : ''
      return `${path}: ${issue.message}${got}`
    })
    .join('; ')
}

/** The dotted path of the first problem, for errors that name one field. */
export function firstZodPath(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue && issue.path.length > 0 ? issue.path.map(String).join('.') : ''
}

function preview(value: unknown): string {
  let text: string
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
