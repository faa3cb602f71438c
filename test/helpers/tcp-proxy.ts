import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy between an SDK instance and nats-server, so a test can cut one
 * client off the network (`cut()`) while others stay connected, then
 * `restore()` it on the same port.
 */
export interface TcpProxy {
  readonly port: number
  readonly url: string
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>
  /** Accepts connections again on the same port. */
  restore(): Promise<void>
  /** Closes the proxy for good. Idempotent. */
  close(): Promise<void>
}

/** Starts a proxy on a free loopback port forwarding to `targetPort`. */
export async function startTcpProxy(
  targetPort: number,
  t?: { after(fn: () => Promise<void>): void },
): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  let closed = false

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1')
        sockets.add(client)
        sockets.add(upstream)
        const drop = () => {
          client.destroy()
          upstream.destroy()
          sockets.delete(client)
          sockets.delete(upstream)
        }
        client.on('error', drop).on('close', drop)
        upstream.on('error', drop).on('close', drop)
        client.pipe(upstream)
        upstream.pipe(client)
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port
        server = s
        resolve()
      })
    })

  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      sockets.clear()
      if (!server) return resolve()
      const s = server
      server = undefined
      s.close(() => resolve())
    })

  await listen()
  const proxy: TcpProxy = {
    get port() {
      return port
    },
    get url() {
      return `nats://127.0.0.1:${port}`
    },
    cut: stopListening,
    restore: listen,
    async close() {
      if (closed) return
      closed = true
      await stopListening()
    },
  }
  t?.after(() => proxy.close())
  return proxy
}
