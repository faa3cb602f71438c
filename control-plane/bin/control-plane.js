#!/usr/bin/env node
// control-plane, the prodbench server: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/control-plane-main.ts')
await main(process.argv.slice(2), process.env)
