import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../http/http-request';
import { principalOf } from './principal';

/** `@CurrentPrincipal() principal: Principal`: the caller, on a route guarded by @Authenticated(). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  principalOf(context.switchToHttp().getRequest<HttpRequest>()),
);
