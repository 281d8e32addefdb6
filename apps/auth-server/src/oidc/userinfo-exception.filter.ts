import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { BearerTokenError } from './bearer-token-error';

/**
 * /userinfo is a protected resource (OIDC Core §5.3.3): its errors follow RFC 6750 §3, a
 * `WWW-Authenticate: Bearer` challenge (not the token endpoint's `Basic`), with a JSON body too.
 */
@Catch(BearerTokenError)
export class UserInfoExceptionFilter implements ExceptionFilter {
  constructor(@Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig) {}

  catch(exception: BearerTokenError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.setHeader('WWW-Authenticate', exception.challenge(this.config.issuer));
    response.setHeader('Cache-Control', 'no-store');
    if (exception.error === undefined) {
      response.status(exception.status).end();
      return;
    }
    response
      .status(exception.status)
      .json({ error: exception.error, error_description: exception.description });
  }
}
