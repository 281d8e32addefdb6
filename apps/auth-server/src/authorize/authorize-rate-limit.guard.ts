import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { RequestLimiter } from '@oauth-flow-lab/rate-limits';
import { REDIS, type RedisConnection } from '@oauth-flow-lab/redis';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { TooManyAuthorizationRequests } from '../errors/oauth-errors';
import type { HttpRequest } from '../http/http-request';

/**
 * Before any check of GET /authorize: at most AUTHORIZE_MAX_REQUESTS_PER_IP requests per address in
 * AUTHORIZE_RATE_WINDOW_SECONDS (docs/security-cases.md, case 44). Anyone may send the request, and
 * each valid one stores an authorization request until it expires; without a limit, one machine
 * could fill the disk. Counted in Redis when REDIS_URL is set, so the replicas share the count; the
 * address is the client's, behind TRUST_PROXY_HOPS proxies.
 */
@Injectable()
export class AuthorizeRateLimit implements CanActivate {
  private readonly limiter: RequestLimiter;

  constructor(
    @Inject(AUTH_SERVER_CONFIG) config: AuthServerConfig,
    @Inject(REDIS) redis: RedisConnection | null,
  ) {
    this.limiter = new RequestLimiter(config.authorizeRateLimit, redis);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const taken = await this.limiter.take(req.ip ?? 'unknown');
    if (!taken.reserved) {
      throw new TooManyAuthorizationRequests(taken.retryAfterSeconds);
    }
    return true;
  }
}
