/**
 * An orders API on NestJS 11 with nestjs-pino, its pino logger adopted by
 * prodbench: the `request completed` lines, the per-request loggers and
 * Nest's own logs follow the levels the control plane sets for the logger
 * `http`, and `--where user=...` rules target one user's requests.
 *
 * The adoption:
 * - `LoggerModule.forRoot({ pinoHttp: { logger: pb.adopt(pino(), 'http') } })`
 *   (app-module.ts);
 * - `app.use(pb.expressMiddleware())` before Nest's own middleware: every
 *   guard, pipe and handler runs in the SDK's request context, and each
 *   request's duration goes into `http.server.duration`;
 * - `pb.setContext({ user })` in the auth guard (auth-guard.ts).
 */

import 'reflect-metadata'
import type { INestApplication } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import type { NestExpressApplication } from '@nestjs/platform-express'
import type { Prodbench } from '@prodbench/sdk'
import { Logger } from 'nestjs-pino'
import { AppModule, type OrdersAppOptions } from './app-module.js'

export type { OrdersAppOptions } from './app-module.js'

/** Builds the Nest app; it does not listen yet (`app.listen(...)`). */
export async function createOrdersApp(pb: Prodbench, options: OrdersAppOptions = {}): Promise<INestApplication> {
  // bufferLogs: Nest's startup lines wait for the pino logger rather than go to its console logger.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(pb, options), { bufferLogs: true })
  app.useLogger(app.get(Logger))
  app.use(pb.expressMiddleware())
  return app
}
