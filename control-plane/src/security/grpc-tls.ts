import { readFile } from 'node:fs/promises'
import { ServerCredentials } from '@grpc/grpc-js'
import { z } from 'zod'
import { InvalidOptionsError } from '../errors.js'

/** TLS of the gRPC server: its certificate and key; with `caFile` and `requireClientCert`, mutual TLS. */
export const GrpcTls = z.strictObject({
  /** PEM certificate chain of the server. */
  certFile: z.string().min(1),
  /** PEM private key of the server. */
  keyFile: z.string().min(1),
  /** PEM CA bundle client certificates are checked against. */
  caFile: z.string().min(1).optional(),
  /**
   * Refuse clients without a certificate signed by `caFile` (on top of tokens).
   * @default false
   */
  requireClientCert: z.boolean().default(false),
})
export type GrpcTls = z.input<typeof GrpcTls>

/**
 * The gRPC server's credentials: TLS from the files, or plaintext without them.
 * @throws {InvalidOptionsError} naming a file that cannot be read
 */
export async function grpcServerCredentials(tls: z.output<typeof GrpcTls> | undefined): Promise<ServerCredentials> {
  if (!tls) return ServerCredentials.createInsecure()
  const read = async (path: string, field: string) => {
    try {
      return await readFile(path)
    } catch (err) {
      throw new InvalidOptionsError(
        `security.grpcTls.${field}: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`,
      )
    }
  }
  if (tls.requireClientCert && !tls.caFile) {
    throw new InvalidOptionsError(
      'security.grpcTls.caFile: requireClientCert needs the CA client certificates are checked against',
    )
  }
  const [cert, key, ca] = await Promise.all([
    read(tls.certFile, 'certFile'),
    read(tls.keyFile, 'keyFile'),
    tls.caFile ? read(tls.caFile, 'caFile') : Promise.resolve(null),
  ])
  return ServerCredentials.createSsl(ca, [{ cert_chain: cert, private_key: key }], tls.requireClientCert)
}
