/**
 * Everything that talks to NATS: the embedded nats-server child, the client
 * connection, the KV bucket. The rest of the control plane imports from here.
 */

export type { AppendedRecord, AppendStream, AppendStreamOptions, ReadOptions } from './append-stream.js'
export type { ConnectOptions, KvOptions, NatsLink, RequestOutcome } from './connection.js'
export { connectNats } from './connection.js'
export type { KvBucket, KvEntry } from './kv-bucket.js'
export { createUserNkey, natsAuthOptions, publicKeyOfSeed } from './nats-auth.js'
export type { NatsServerHandle, NatsServerOptions } from './nats-server-process.js'
export { findNatsServerBinary, startNatsServer } from './nats-server-process.js'
export type { RecordStream, RecordStreamOptions, StreamRecord, WatchHandlers } from './record-stream.js'
