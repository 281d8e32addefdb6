import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { type TokenResponse, TokenResponseSchema } from '@oauth-flow-lab/contracts';
import type { Request } from 'express';
import { TokenRequestFailed } from '../errors/client-web-errors';

/** The token response AuthServerGuard left in `req.user` (validated by AuthServerStrategy). */
export const ReceivedTokens = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TokenResponse => {
    const parsed = TokenResponseSchema.safeParse(context.switchToHttp().getRequest<Request>().user);
    if (!parsed.success) {
      throw new TokenRequestFailed('No token response was received.');
    }
    return parsed.data;
  },
);
