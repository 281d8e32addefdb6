import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { type TokenResponse, TokenResponseSchema } from '@oauth-flow-lab/contracts';
import type { Request } from 'express';
import type { ReceivedAuthorization } from '../connect/passport-oauth2.adapter';
import { TokenRequestFailed } from '../errors/client-web-errors';

/** Step 4 as received: the token response, and the nonce its id_token must carry. */
export interface ReceivedTokenResponse {
  tokens: TokenResponse;
  /** The nonce sent in step 1 (OIDC Core §3.1.2.1). */
  nonce: string | undefined;
}

/** What AuthServerGuard left in `req.user` (the token response validated by AuthServerStrategy). */
export const ReceivedTokens = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ReceivedTokenResponse => {
    const user: unknown = context.switchToHttp().getRequest<Request>().user;
    const received: Partial<ReceivedAuthorization> =
      typeof user === 'object' && user !== null ? user : {};
    const parsed = TokenResponseSchema.safeParse(received.tokens);
    if (!parsed.success) {
      throw new TokenRequestFailed('No token response was received.');
    }
    return { tokens: parsed.data, nonce: received.nonce };
  },
);
