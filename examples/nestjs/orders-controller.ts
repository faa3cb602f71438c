import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
} from '@nestjs/common'
import type { Request } from 'express'
import { InjectPinoLogger, type PinoLogger } from 'nestjs-pino'
import type { OrdersStore } from './orders-store.js'
import { ORDERS } from './tokens.js'

type Authenticated = Request & { user: string }

/** The orders API: `GET /orders`, `GET /orders/:id`, `POST /orders`. */
@Controller('orders')
export class OrdersController {
  constructor(
    @InjectPinoLogger(OrdersController.name) private readonly log: PinoLogger,
    @Inject(ORDERS) private readonly orders: OrdersStore,
  ) {}

  @Get()
  list(@Req() req: Authenticated) {
    const mine = this.orders.of(req.user)
    // nestjs-pino's PinoLogger writes through the request's pino-http child logger.
    this.log.debug({ count: mine.length }, 'listing orders')
    return { orders: mine }
  }

  @Get(':id')
  get(@Req() req: Authenticated, @Param('id') id: string) {
    const order = this.orders.get(req.user, id)
    if (!order) {
      this.log.debug({ id }, 'order not found')
      throw new NotFoundException(`no order ${id}`)
    }
    return order
  }

  @Post()
  @HttpCode(201)
  place(@Req() req: Authenticated, @Body() body: { item?: unknown; quantity?: unknown }) {
    const { item, quantity } = body ?? {}
    if (typeof item !== 'string' || item === '' || !Number.isInteger(quantity) || (quantity as number) < 1) {
      throw new BadRequestException('body must be {"item": string, "quantity": integer >= 1}')
    }
    this.log.debug({ item, quantity }, 'placing order')
    const order = this.orders.place(req.user, item, quantity as number)
    this.log.info({ orderId: order.id }, 'order placed')
    return order
  }
}
