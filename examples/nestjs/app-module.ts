import { type DynamicModule, Module } from '@nestjs/common'
import { APP_GUARD } from '@nestjs/core'
import type { Prodbench } from '@prodbench/sdk'
import { LoggerModule } from 'nestjs-pino'
import pino, { type DestinationStream } from 'pino'
import { AuthGuard } from './auth-guard.js'
import { OrdersController } from './orders-controller.js'
import { OrdersStore } from './orders-store.js'
import { ORDERS, PRODBENCH } from './tokens.js'

/** Options of {@link AppModule.register}. */
export interface OrdersAppOptions {
  /**
   * Where the app's own pino logger writes (tests pass a memory stream).
   * @default stdout
   */
  destination?: DestinationStream
}

/** The orders service: nestjs-pino over an adopted pino logger, the auth guard, the orders API. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest module is a class; register() is Nest's dynamic-module idiom
export class AppModule {
  /** The module for one prodbench instance. */
  static register(pb: Prodbench, options: OrdersAppOptions = {}): DynamicModule {
    const pinoOptions = { level: 'info', redact: ['req.headers.authorization'] }
    const logger = options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions)
    return {
      module: AppModule,
      // pino-http (inside nestjs-pino) makes a child of the adopted logger per
      // request, and PinoLogger writes through it: all follow the `http` logger.
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: pb.adopt(logger, 'http') } })],
      controllers: [OrdersController],
      providers: [
        { provide: PRODBENCH, useValue: pb },
        { provide: ORDERS, useValue: new OrdersStore() },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    }
  }
}
