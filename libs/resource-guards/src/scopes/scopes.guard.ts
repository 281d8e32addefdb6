import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { InsufficientScope } from '../errors/resource-access.errors';
import { principalOf } from '../principal/principal';
import { REQUIRED_SCOPES } from './require-scopes.decorator';

/**
 * Step 6, last check: the token was granted every scope the route requires. A valid token without
 * it gets 403 insufficient_scope with a `scope` attribute naming what is needed (RFC 6750 §3.1).
 * Runs after AccessTokenGuard, which attached the principal.
 */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (required.length === 0) {
      return true;
    }
    const { scopes } = principalOf(context.switchToHttp().getRequest<Request>());
    if (!required.every((scope) => scopes.includes(scope))) {
      throw new InsufficientScope(required);
    }
    return true;
  }
}
