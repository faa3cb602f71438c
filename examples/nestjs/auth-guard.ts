import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common'
import type { Prodbench } from '@prodbench/sdk'
import type { Request } from 'express'
import { PRODBENCH } from './tokens.js'

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Authenticates each request and tells prodbench who it is for, so
 * `ctl set-level svc=orders debug --where user=u-42` targets one user. A real
 * service reads its session or token; this one trusts the `x-user-id` header.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(PRODBENCH) private readonly pb: Prodbench) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: string }>()
    const user = req.headers['x-user-id']
    if (typeof user !== 'string' || !USER_ID.test(user)) throw new UnauthorizedException('x-user-id header required')
    req.user = user
    this.pb.setContext({ user })
    return true
  }
}
