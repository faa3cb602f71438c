#!/usr/bin/env node
// ctl, the prodbench command line: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/ctl/main.ts')
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: Date.now,
  // Only `hist watch` subscribes; `once`, so a second Ctrl-C still kills a watch stuck closing.
  onInterrupt(handler) {
    process.once('SIGINT', handler)
    return () => process.off('SIGINT', handler)
  },
})
