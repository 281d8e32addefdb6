import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { RequestLimiter } from '@oauth-flow-lab/rate-limits';
import type { Request } from 'express';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { TooManyConnects } from '../errors/client-web-errors';

/**
 * Before step 1 starts: at most CONNECT_MAX_REQUESTS_PER_IP GET /connect per address in
 * CONNECT_RATE_WINDOW_SECONDS (docs/security-cases.md, case 44). Anyone may follow the link, and
 * each time client-web stores a session holding the pending authorization (state, PKCE verifier);
 * without a limit, one machine could fill the sessions table. The address is the client's, behind
 * TRUST_PROXY_HOPS proxies.
 */
@Injectable()
export class ConnectRateLimit implements CanActivate {
  private readonly limiter: RequestLimiter;

  constructor(@Inject(CLIENT_WEB_CONFIG) config: ClientWebConfig) {
    this.limiter = new RequestLimiter(config.connectRateLimit);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const taken = await this.limiter.take(req.ip ?? 'unknown');
    if (!taken.reserved) {
      throw new TooManyConnects(taken.retryAfterSeconds);
    }
    return true;
  }
}
