import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { HttpRequest } from '../http/http-request';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { AdminApiException } from './admin-errors';

/**
 * The admin API trusts login-ui to say who the user is, so only login-ui may call it: every request
 * must carry `Authorization: Bearer <ADMIN_API_SECRET>` (compared in constant time), besides the API
 * listening on a separate, non-public port.
 */
@Injectable()
export class AdminSecretGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(AUTH_SERVER_CONFIG) config: AuthServerConfig) {
    this.expected = digest(config.adminApiSecret);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<HttpRequest>().headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]), this.expected)) {
      throw new AdminApiException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'A valid admin API secret is required',
      );
    }
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
