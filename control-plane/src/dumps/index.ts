/** Flight-recorder dumps: asking instances for their recent records over NATS request/reply. */
export { DumpGatherer, type DumpGathererOptions, type DumpResult, type DumpStats } from './dump-gatherer.js'
export { fitReplies } from './fit-replies.js'
